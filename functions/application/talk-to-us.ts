import type { Allowances, ClientLinkKeys, Clock, Mailer, MentorCaseRepository, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { newCaseId } from '../domain/ids';
import { caseDay, casesPerClientDay } from '../domain/mentor-cases';
import { checkMentorsTakeCases, type Actor, type Placement } from '../domain/placement';
import { placementForClientLink } from './client-links';
import { openMentorCase } from './mentor-cases';

export interface TalkToUsDeps {
  placements: Pick<PlacementRepository, 'get' | 'appendHistory'>;
  mentorCases: MentorCaseRepository;
  allowances: Allowances;
  linkKeys: ClientLinkKeys;
  mailer: Mailer;
  agency: Pick<AgencyConfig, 'mentorTeamEmail' | 'agencyTimezone' | 'holidays' | 'publicBaseUrl' | 'branding'>;
  clock: Clock;
}

const talkToUs: Actor = { kind: 'system', component: 'talk-to-us' };

export type TalkToUsOutcome =
  | { opened: true; caseId: string }
  /** The client's day holds its cases already: they can write again from `tryAgainAt`, or call. */
  | { opened: false; tryAgainAt: string; clientTimezone: string };

/**
 * "Talk to us": a client writes from the link in their welcome or check-in letter; a case opens as its
 * own item and the mentor team gets it, with the client as reply-to so they answer directly. The same
 * submission (a browser retrying the form) opens one case; a day holds at most a few.
 */
export async function openTalkToUsCase(
  deps: TalkToUsDeps,
  placementId: string,
  key: string,
  request: { message: string; submissionId?: string },
): Promise<TalkToUsOutcome> {
  const placement = await placementForClientLink(deps.placements, deps.linkKeys, placementId, key);
  checkMentorsTakeCases(placement);
  const { submissionId } = request;

  if (submissionId !== undefined) {
    const earlier = await deps.mentorCases.submittedCase(placementId, submissionId);
    if (earlier !== undefined) return openCase(deps, placement, earlier, request);
  }
  const now = deps.clock.now();
  const { day, nextDayStartsAt } = caseDay(now, placement.client.timezone);
  const counter = `cases#${day}`;
  if (!(await deps.allowances.take(placementId, counter, casesPerClientDay))) return { opened: false, tryAgainAt: nextDayStartsAt, clientTimezone: placement.client.timezone };

  const caseId = newCaseId(Date.parse(now));
  if (submissionId !== undefined) {
    const claimedBefore = await deps.mentorCases.claimSubmission(placementId, submissionId, caseId);
    if (claimedBefore !== undefined) {
      // The same form sent twice at once: the other request opens the case.
      await deps.allowances.giveBack(placementId, counter);
      return { opened: true, caseId: claimedBefore };
    }
  }
  return openCase(deps, placement, caseId, request);
}

async function openCase(deps: TalkToUsDeps, placement: Placement, caseId: string, request: { message: string; submissionId?: string }): Promise<TalkToUsOutcome> {
  await openMentorCase(deps, placement, { caseId, reason: 'TALK_TO_US', ...request, by: talkToUs });
  return { opened: true, caseId };
}
