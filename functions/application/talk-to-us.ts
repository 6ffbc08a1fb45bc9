import type { Allowances, ClientLinkKeys, Clock, Mailer, MentorCaseRepository, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { newCaseId } from '../domain/ids';
import { caseDay, casesPerClientDay, type MentorCase } from '../domain/mentor-cases';
import { checkMentorsTakeCases, mentorCaseOpenedEntry, type Placement } from '../domain/placement';
import { mentorCaseLetter } from '../emails/letters';
import { placementForClientLink } from './client-links';

export interface TalkToUsDeps {
  placements: Pick<PlacementRepository, 'get' | 'appendHistory'>;
  mentorCases: MentorCaseRepository;
  allowances: Allowances;
  linkKeys: ClientLinkKeys;
  mailer: Mailer;
  agency: Pick<AgencyConfig, 'mentorTeamEmail'>;
  clock: Clock;
}

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
    if (earlier !== undefined) return finishCase(deps, placement, earlier, request);
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
  return finishCase(deps, placement, caseId, request);
}

/**
 * Writes the case and tells the mentors, each unless done: a retry completes what a failure left
 * half-done (only a crash between marking and sending loses the email; the case is still listed).
 */
async function finishCase(
  deps: TalkToUsDeps,
  placement: Placement,
  caseId: string,
  request: { message: string; submissionId?: string },
): Promise<TalkToUsOutcome> {
  let mentorCase = await deps.mentorCases.getCase(placement.id, caseId);
  if (mentorCase === undefined) {
    const openedAt = deps.clock.now();
    const opened: MentorCase = {
      id: caseId,
      placementId: placement.id,
      message: request.message,
      status: 'OPEN',
      openedAt,
      ...(request.submissionId === undefined ? {} : { submissionId: request.submissionId }),
    };
    if (await deps.mentorCases.putCase(opened)) {
      await deps.placements.appendHistory([mentorCaseOpenedEntry(placement, caseId, { at: openedAt, by: { kind: 'system', component: 'talk-to-us' } })]);
    }
    mentorCase = (await deps.mentorCases.getCase(placement.id, caseId)) ?? opened;
  }
  // Marked before sending, so of requests racing on the same case only one sends.
  if (mentorCase.mentorsToldAt === undefined && (await deps.mentorCases.claimTellingMentors(placement.id, caseId, deps.clock.now()))) {
    try {
      await deps.mailer.send({ ...mentorCaseLetter(placement, caseId, mentorCase.message, deps.agency), placementId: placement.id });
    } catch (error) {
      await deps.mentorCases.withdrawTellingMentors(placement.id, caseId);
      throw error;
    }
  }
  return { opened: true, caseId };
}
