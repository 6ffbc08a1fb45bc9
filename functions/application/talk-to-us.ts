import type { Clock, Mailer, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { effectKeys } from '../domain/effects';
import { newCaseId } from '../domain/ids';
import { openMentorCase } from '../domain/placement';
import { mentorCaseLetter } from '../emails/letters';
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
  await sendOnce(deps, placement, by, {
    key: effectKeys.mentorCase(caseId),
    letter: (current) => mentorCaseLetter(current, caseId, message, deps.agency),
  });
  return { caseId };
}
