import type { AgencyConfig } from '../domain/agency-config';
import { effectKeys } from '../domain/effects';
import type { Actor, Placement } from '../domain/placement';
import {
  acceptSuggestedPhase,
  isLowAnswer,
  movePhase,
  recordCheckInSent,
  recordReview,
  recordSilenceRaised,
  silenceToRaise,
} from '../domain/relationship';
import type { RelationshipPhase, ReviewAnswer } from '../domain/schemas';
import { checkInLetter } from '../emails/letters';
import { changePlacement } from './change-placement';
import { clientLinks, placementForClientLink } from './client-links';
import { openMentorCase, type OpenCaseDeps } from './mentor-cases';
import type { ClientLinkKeys, Clock, DuePlacements, Mailer, MentorCaseRepository, PlacementRepository } from './ports';
import { sendOnce } from './send-once';

/** After the start: check-ins found through the due index, the client's one-click reviews, phase moves. */

export interface RelationshipDeps {
  placements: Pick<PlacementRepository, 'get' | 'save' | 'appendHistory'>;
  mentorCases: MentorCaseRepository;
  mailer: Mailer;
  agency: AgencyConfig;
  clock: Clock;
  linkKeys: ClientLinkKeys;
}

const schedules: Actor = { kind: 'system', component: 'check-ins' };
const client: Actor = { kind: 'system', component: 'client-links' };

function caseDeps(deps: RelationshipDeps): OpenCaseDeps {
  return { placements: deps.placements, mentorCases: deps.mentorCases, mailer: deps.mailer, agency: deps.agency, clock: deps.clock };
}

/**
 * The check-ins due now, each once however often the schedule fires: the due index holds each active
 * placement under its next check-in, so the job reads only what it sends. Before writing, three
 * unanswered check-ins in a row open a "client quiet" case.
 */
export async function sendDueCheckIns(deps: RelationshipDeps & { duePlacements: DuePlacements }): Promise<{ sent: number; quiet: number }> {
  const now = deps.clock.now();
  let sent = 0;
  let quiet = 0;
  for await (const listed of deps.duePlacements.placementsDue('CHECK_IN', now)) {
    const placement = await deps.placements.get(listed.id);
    const due = placement?.relationship?.nextCheckIn;
    if (placement === undefined || placement.status !== 'ACTIVE' || due === undefined || Date.parse(due.dueAt) > Date.parse(now)) continue;
    const current = (await raiseSilence(deps, placement)) ?? placement;
    if (current !== placement) quiet += 1;
    const links = clientLinks(current, deps.agency, deps.linkKeys);
    const result = await sendOnce(deps, current, schedules, {
      key: effectKeys.checkIn(due.weeksAfterStart),
      letter: (latest) => checkInLetter(latest, deps.agency, due, links),
      alongside: (latest, stamp) => recordCheckInSent(latest, due.number, deps.agency.holidays, stamp),
    });
    if (result.sent) sent += 1;
  }
  return { sent, quiet };
}

/** Opens the "client quiet" case when three check-ins in a row went unanswered; the placement as saved, if it did. */
async function raiseSilence(deps: RelationshipDeps, placement: Placement): Promise<Placement | undefined> {
  const silence = silenceToRaise(placement);
  if (silence === undefined) return undefined;
  const caseId = `${placement.id}-quiet-${silence.from}`;
  await openMentorCase(caseDeps(deps), placement, {
    caseId,
    reason: 'CLIENT_QUIET',
    message: `${placement.client.name} (${placement.client.company}) has not answered the last ${silence.unanswered} check-ins about ${placement.candidate.name}.`,
    by: schedules,
  });
  const { placement: saved } = await changePlacement(deps.placements, placement.id, (current) =>
    recordSilenceRaised(current, silence.from, caseId, { at: deps.clock.now(), by: schedules }),
  );
  return saved;
}

export interface ReviewOutcome {
  placement: Placement;
  answer: ReviewAnswer;
  /** The mentor case a low answer opened. */
  caseId?: string;
}

/**
 * The client clicked an answer in check-in `checkIn` (or sent the comment page). A low answer opens a
 * mentor case at once, one per check-in however often it is clicked.
 */
export async function answerCheckIn(
  deps: RelationshipDeps,
  placementId: string,
  key: string,
  review: { checkIn: number; answer: ReviewAnswer; comment?: string },
): Promise<ReviewOutcome> {
  await placementForClientLink(deps.placements, deps.linkKeys, placementId, key);
  const { placement } = await changePlacement(deps.placements, placementId, (current) => recordReview(current, review, { at: deps.clock.now(), by: client }));
  if (!isLowAnswer(review.answer)) return { placement, answer: review.answer };
  const caseId = `${placementId}-review-${review.checkIn}`;
  await openMentorCase(caseDeps(deps), placement, {
    caseId,
    reason: 'LOW_REVIEW',
    message: `${placement.client.name} answered check-in ${review.checkIn} about ${placement.candidate.name} with "${answerLabels[review.answer]}".${review.comment === undefined ? '' : ` They wrote: ${review.comment}`}`,
    by: client,
  });
  return { placement, answer: review.answer, caseId };
}

/** The client accepts the phase their check-in letter offered. */
export async function acceptPhase(deps: Pick<RelationshipDeps, 'placements' | 'linkKeys' | 'clock'>, placementId: string, key: string, phase: RelationshipPhase): Promise<Placement> {
  await placementForClientLink(deps.placements, deps.linkKeys, placementId, key);
  const { placement } = await changePlacement(deps.placements, placementId, (current) => acceptSuggestedPhase(current, phase, { at: deps.clock.now(), by: client }));
  return placement;
}

/** The phase a client's link may offer, read without changing anything (the page before the button). */
export async function offeredPhase(deps: Pick<RelationshipDeps, 'placements' | 'linkKeys'>, placementId: string, key: string): Promise<Placement> {
  return placementForClientLink(deps.placements, deps.linkKeys, placementId, key);
}

/** Staff or a mentor moves the relationship to a phase, with a note for the history. */
export async function setPhase(
  deps: Pick<RelationshipDeps, 'placements' | 'clock'>,
  placementId: string,
  request: { phase: RelationshipPhase; note?: string },
  by: Actor,
): Promise<Placement> {
  const movedBy = by.kind === 'staff' ? by.name : 'the agency';
  const { placement } = await changePlacement(deps.placements, placementId, (current) => movePhase(current, request.phase, movedBy, request.note, { at: deps.clock.now(), by }));
  return placement;
}

export const answerLabels: Record<ReviewAnswer, string> = {
  great: 'Very well',
  good: 'Well',
  mixed: 'Could be better',
  trouble: "We're having trouble",
};
