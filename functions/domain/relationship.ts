import { DateTime } from 'luxon';
import type { AgencyHolidays } from './agency-holidays';
import { clientMorning, workingDayFrom } from './calendar';
import { Conflict, InvalidInput } from './errors';
import type { Change, Stamp } from './placement';
import type { HistoryEntry, Placement, Relationship, RelationshipPhase, Review, ReviewAnswer } from './schemas';

/**
 * After the start: the relationship grows through three phases of delegation, and the agency checks in
 * on the client's Monday mornings (weekly for four weeks, then every four weeks), asking how it goes.
 * Pure rules over the placement, like placement.ts.
 */

/** Check-in n comes this many weeks after the start: 1, 2, 3, 4, then 8, 12, 16… */
export function checkInWeeks(number: number): number {
  return number <= 4 ? number : (number - 3) * 4;
}

/**
 * When check-in `number` is due: the Monday `checkInWeeks(number)` weeks after the start's week, by the
 * client's own calendar (so a client in Honolulu and one in Manila both hear on their Monday), at 09:00
 * client time; an agency holiday moves it to the next working day.
 */
export function checkInDue(startDate: string, clientTimezone: string, number: number, holidays: AgencyHolidays): NonNullable<Relationship['nextCheckIn']> {
  const start = DateTime.fromISO(startDate, { zone: clientTimezone });
  if (!start.isValid) throw new InvalidInput('startDate is not a calendar day', { startDate });
  const weeksAfterStart = checkInWeeks(number);
  const day = workingDayFrom(start.minus({ days: start.weekday - 1 }).plus({ weeks: weeksAfterStart }), { holidays });
  const [hour, minute] = clientMorning.split(':').map(Number);
  const dueAt = day.set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  return { number, weeksAfterStart, dueAt };
}

/** "mixed" and "trouble" are answers a mentor should hear about at once. */
export function isLowAnswer(answer: ReviewAnswer): boolean {
  return answer === 'mixed' || answer === 'trouble';
}

const isGoodAnswer = (answer: ReviewAnswer) => answer === 'great' || answer === 'good';

/** How long a phase runs, at least, before two good reviews in a row suggest the next. */
const weeksBeforeSuggesting: Record<RelationshipPhase, number | undefined> = { I: 2, II: 6, III: undefined };
const nextPhase: Record<RelationshipPhase, RelationshipPhase | undefined> = { I: 'II', II: 'III', III: undefined };
const reviewsKept = 12;

function entry(placement: Placement, what: HistoryEntry['what'], stamp: Stamp, details?: HistoryEntry['details']): HistoryEntry {
  return { placementId: placement.id, at: stamp.at, what, by: stamp.by, ...(details === undefined ? {} : { details }) };
}

function withRelationship(placement: Placement, relationship: Relationship, stamp: Stamp): Placement {
  return { ...placement, relationship, updatedAt: stamp.at };
}

function activeRelationship(placement: Placement, action: string): Relationship {
  if (placement.status !== 'ACTIVE' || placement.relationship === undefined) {
    throw new Conflict(`Cannot ${action}: the VE has not started (the placement is ${placement.status}).`, {
      reason: 'NOT_ACTIVE',
      placementId: placement.id,
      status: placement.status,
    });
  }
  return placement.relationship;
}

/** The first day: Phase I, and the first check-in a week later. Starting twice changes nothing. */
export function startRelationship(placement: Placement, holidays: AgencyHolidays, stamp: Stamp): Change {
  if (placement.relationship !== undefined || placement.status !== 'ACTIVE') return { placement, entries: [] };
  const relationship: Relationship = {
    phase: 'I',
    since: placement.timeline.startsAt,
    movedBy: 'the agency',
    checkInsSent: 0,
    nextCheckIn: checkInDue(placement.timeline.startDate, placement.client.timezone, 1, holidays),
    reviews: [],
  };
  return {
    placement: withRelationship(placement, relationship, stamp),
    entries: [entry(placement, 'PHASE_CHANGED', stamp, { to: 'I' })],
  };
}

/** Check-in `number` went out: the next is planned. A replay (or an older number) changes nothing. */
export function recordCheckInSent(placement: Placement, number: number, holidays: AgencyHolidays, stamp: Stamp): Change {
  const relationship = placement.relationship;
  if (relationship === undefined || relationship.checkInsSent >= number) return { placement, entries: [] };
  // After an outage the job runs late: the check-ins whose Monday has passed meanwhile are skipped, not sent in a burst.
  let next = checkInDue(placement.timeline.startDate, placement.client.timezone, number + 1, holidays);
  while (Date.parse(next.dueAt) <= Date.parse(stamp.at)) next = checkInDue(placement.timeline.startDate, placement.client.timezone, next.number + 1, holidays);
  return {
    placement: withRelationship(placement, { ...relationship, checkInsSent: number, nextCheckIn: next }, stamp),
    entries: [entry(placement, 'CHECK_IN_SENT', stamp, { checkIn: number, weeksAfterStart: checkInWeeks(number) })],
  };
}

/**
 * The unanswered check-ins in a row, newest last, when there are three or more and no "client quiet"
 * case was opened for this silence yet: the first unanswered one names the silence.
 */
export function silenceToRaise(placement: Placement): { from: number; unanswered: number } | undefined {
  const relationship = placement.relationship;
  if (relationship === undefined) return undefined;
  const answered = new Set(relationship.reviews.map((review) => review.checkIn));
  let from = relationship.checkInsSent + 1;
  while (from > 1 && !answered.has(from - 1)) from -= 1;
  const unanswered = relationship.checkInsSent - from + 1;
  if (unanswered < 3 || relationship.quietCaseFrom === from) return undefined;
  return { from, unanswered };
}

/** A "client quiet" case was opened for the silence that began at check-in `from`. */
export function recordSilenceRaised(placement: Placement, from: number, caseId: string, stamp: Stamp): Change {
  const relationship = placement.relationship;
  if (relationship === undefined || relationship.quietCaseFrom === from) return { placement, entries: [] };
  return {
    placement: withRelationship(placement, { ...relationship, quietCaseFrom: from }, stamp),
    entries: [entry(placement, 'CLIENT_QUIET', stamp, { caseId, fromCheckIn: from })],
  };
}

/**
 * The client's answer to check-in `checkIn`. Clicking the same answer again changes nothing; another
 * answer (or a comment) replaces it. Two good reviews in a row, once the phase has run long enough,
 * suggest the next phase.
 */
export function recordReview(placement: Placement, review: Omit<Review, 'at'>, stamp: Stamp): Change {
  const relationship = activeRelationship(placement, 'record a review');
  if (review.checkIn > relationship.checkInsSent) {
    throw new Conflict('This check-in has not been sent yet.', { reason: 'NO_SUCH_CHECK_IN', placementId: placement.id, checkIn: review.checkIn });
  }
  const earlier = relationship.reviews.find((given) => given.checkIn === review.checkIn);
  if (earlier !== undefined && earlier.answer === review.answer && (review.comment === undefined || review.comment === earlier.comment)) {
    return { placement, entries: [] };
  }
  const comment = review.comment ?? earlier?.comment;
  const recorded: Review = { checkIn: review.checkIn, answer: review.answer, at: stamp.at, ...(comment === undefined ? {} : { comment }) };
  const reviews = [...relationship.reviews.filter((given) => given.checkIn !== review.checkIn), recorded]
    .sort((a, b) => a.checkIn - b.checkIn)
    .slice(-reviewsKept);
  const entries = [entry(placement, 'REVIEW_RECORDED', stamp, { checkIn: review.checkIn, answer: review.answer, withComment: comment !== undefined })];
  const reviewed: Relationship = { ...relationship, reviews };
  const suggestion = phaseToSuggest(reviewed, stamp.at, placement.client.timezone);
  if (suggestion === undefined) return { placement: withRelationship(placement, reviewed, stamp), entries };
  return {
    placement: withRelationship(placement, { ...reviewed, suggestedPhase: { phase: suggestion, at: stamp.at } }, stamp),
    entries: [...entries, entry(placement, 'PHASE_SUGGESTED', stamp, { phase: suggestion })],
  };
}

/** The next phase, when the two latest check-ins were both answered well and the phase has run its minimum. */
function phaseToSuggest(relationship: Relationship, now: string, clientTimezone: string): RelationshipPhase | undefined {
  const next = nextPhase[relationship.phase];
  const minimumWeeks = weeksBeforeSuggesting[relationship.phase];
  if (next === undefined || minimumWeeks === undefined || relationship.suggestedPhase?.phase === next) return undefined;
  const [before, latest] = relationship.reviews.slice(-2);
  if (before === undefined || latest === undefined || latest.checkIn !== before.checkIn + 1) return undefined;
  if (!isGoodAnswer(before.answer) || !isGoodAnswer(latest.answer)) return undefined;
  if (Date.parse(before.at) < Date.parse(relationship.since)) return undefined; // both in this phase
  // Weeks by the client's calendar: a phase begun on a Monday has run two weeks on the Monday a fortnight on, DST or not.
  const ranDays = DateTime.fromISO(now).setZone(clientTimezone).startOf('day').diff(DateTime.fromISO(relationship.since).setZone(clientTimezone).startOf('day'), 'days').days;
  return ranDays >= minimumWeeks * 7 ? next : undefined;
}

/** Moves the relationship to `phase` (staff, a mentor, or the client accepting a suggestion). The same phase changes nothing. */
export function movePhase(placement: Placement, phase: RelationshipPhase, movedBy: string, note: string | undefined, stamp: Stamp): Change {
  const relationship = activeRelationship(placement, 'move the phase');
  if (relationship.phase === phase) return { placement, entries: [] };
  // An offer made for the old phase no longer fits: later reviews may make a new one.
  const { suggestedPhase: _offered, ...rest } = relationship;
  const moved: Relationship = { ...rest, phase, since: stamp.at, movedBy };
  return {
    placement: withRelationship(placement, moved, stamp),
    entries: [entry(placement, 'PHASE_CHANGED', stamp, { from: relationship.phase, to: phase, ...(note === undefined ? {} : { note }) })],
  };
}

/** The client accepts the phase their check-in offered; only an offer that stands can be accepted. */
export function acceptSuggestedPhase(placement: Placement, phase: RelationshipPhase, stamp: Stamp): Change {
  const relationship = activeRelationship(placement, 'accept a phase');
  if (relationship.phase === phase) return { placement, entries: [] };
  if (relationship.suggestedPhase?.phase !== phase) {
    throw new Conflict(`Phase ${phase} is not on offer for this placement.`, { reason: 'PHASE_NOT_OFFERED', placementId: placement.id, phase });
  }
  return movePhase(placement, phase, 'the client', undefined, stamp);
}

export const phaseNames: Record<RelationshipPhase, string> = {
  I: 'Phase I: clerical and reactive',
  II: 'Phase II: administrative, reactive and proactive',
  III: 'Phase III: personal executive assistant',
};
