import { DateTime } from 'luxon';
import type { Instant } from './schemas';

/**
 * Dates a selection can really have: the interview happened before the selection, the selection is
 * not in the future (a few minutes of clock skew aside), and neither is older than the agency would
 * still act on. An interview in 2200 or a selection in 1900 is a typing mistake, not a plan.
 */
export const selectionDateLimits = { skewMinutes: 5, oldestDays: 90 } as const;

export interface SelectionDateProblem {
  field: 'interviewAt' | 'selectedAt';
  problem: string;
}

export function selectionDateProblems(dates: { interviewAt: Instant; selectedAt?: Instant }, now: Instant): SelectionDateProblem[] {
  const at = (instant: Instant) => DateTime.fromISO(instant, { setZone: true }).toMillis();
  const nowMs = at(now);
  const latest = nowMs + selectionDateLimits.skewMinutes * 60_000;
  const oldest = nowMs - selectionDateLimits.oldestDays * 86_400_000;
  const interviewAt = at(dates.interviewAt);
  const selectedAt = dates.selectedAt === undefined ? nowMs : at(dates.selectedAt);
  const problems: SelectionDateProblem[] = [];
  if (dates.selectedAt !== undefined) {
    if (selectedAt > latest) problems.push({ field: 'selectedAt', problem: 'must not be in the future' });
    else if (selectedAt < oldest) problems.push({ field: 'selectedAt', problem: `must be within the last ${selectionDateLimits.oldestDays} days` });
  }
  if (interviewAt > selectedAt) {
    const when = dates.selectedAt === undefined ? 'now' : 'selectedAt';
    problems.push({ field: 'interviewAt', problem: `must not be after the selection (${when})` });
  } else if (interviewAt < oldest) {
    problems.push({ field: 'interviewAt', problem: `must be within the last ${selectionDateLimits.oldestDays} days` });
  }
  return problems;
}
