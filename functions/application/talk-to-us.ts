import type { Clock, Mailer, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { newCaseId } from '../domain/ids';
import { openMentorCase } from '../domain/placement';
import { render } from '../emails/layout';
import { changePlacement } from './change-placement';
import { placementForClientLink } from './client-links';
import { sendOnce } from './send-once';

export interface TalkToUsDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  mailer: Mailer;
  agency: Pick<AgencyConfig, 'mentorTeamEmail'>;
  clock: Clock;
}

/**
 * "Talk to us": a client writes from the link in their welcome or check-in letter; a case opens on the
 * placement's history and the mentor team gets it, with the client as reply-to so they answer directly.
 */
export async function openTalkToUsCase(deps: TalkToUsDeps, placementId: string, key: string, message: string): Promise<{ caseId: string }> {
  await placementForClientLink(deps.placements, placementId, key);
  const caseId = newCaseId(Date.parse(deps.clock.now()));
  const by = { kind: 'system' as const, component: 'talk-to-us' };
  const { placement } = await changePlacement(deps.placements, placementId, (current) =>
    openMentorCase(current, caseId, message, { at: deps.clock.now(), by }),
  );
  const letter = render({
    subject: `Talk to us: ${placement.client.company} about ${placement.candidate.name} (case ${caseId})`,
    greeting: 'Hello mentors,',
    blocks: [
      `${placement.client.name} (${placement.client.company}) opened a case about working with ${placement.candidate.name}:`,
      message,
      { list: [`Client: ${placement.client.email}`, `VE: ${placement.candidate.name}, ${placement.candidate.email}`, `Placement: ${placement.id}`, `Case: ${caseId}`] },
      'Reply to this email to answer the client directly.',
    ],
    signOff: 'VE Certification',
  });
  await sendOnce(
    deps,
    placement,
    `mentorCase:${caseId}`,
    () => ({ to: [deps.agency.mentorTeamEmail], replyTo: placement.client.email, placementId, ...letter }),
    by,
  );
  return { caseId };
}
