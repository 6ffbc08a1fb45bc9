import type { AgencyConfig } from '../domain/agency-config';
import { effectKeys } from '../domain/effects';
import { inFlightStatuses, type Actor, type Placement } from '../domain/placement';
import { proctorReminderLetter, staffDigestLetter, type DigestItem } from '../emails/letters';
import { unacknowledgedCaseReason } from '../emails/case-letters';
import { placementsInStatus } from './placements-in-status';
import type { Clock, DuePlacements, Mailer, MentorCaseRepository, PlacementRepository } from './ports';
import { sendOnce } from './send-once';

/** The EventBridge-scheduled work over many placements: overdue exam results and the staff digest (check-ins: relationship.ts). */

export interface CohortDeps {
  placements: Pick<PlacementRepository, 'listByStatus' | 'get' | 'save'>;
  mailer: Mailer;
  agency: AgencyConfig;
  clock: Clock;
}

const schedules: Actor = { kind: 'system', component: 'schedules' };

function resultOverdue(placement: Placement, now: number): boolean {
  return placement.exam === undefined && Date.parse(placement.timeline.resultsDueAt) < now;
}

/**
 * Exam results past their deadline whose lifecycle is not waiting for them (its execution gone, say):
 * a waiting lifecycle reminds the proctors itself, at the same hour, and two reminders would cross.
 */
export async function remindOverdueExamResults(deps: CohortDeps & { duePlacements: DuePlacements }): Promise<{ sent: number }> {
  const now = Date.parse(deps.clock.now());
  let sent = 0;
  // The due index holds each placement at its exam under its results deadline: only overdue ones are read.
  for await (const placement of deps.duePlacements.placementsDue('EXAM_RESULT', deps.clock.now())) {
    if (!resultOverdue(placement, now) || placement.lifecycle?.waitingFor === 'examResult') continue;
    const reminder = await sendOnce(deps, placement, schedules, {
      key: effectKeys.proctorReminder(deps.clock.now()),
      letter: (current) => proctorReminderLetter(current, deps.agency),
    });
    if (reminder.sent) sent += 1;
  }
  return { sent };
}

/**
 * The weekday digest for agency staff: what needs a person today, including the mentor cases no mentor
 * acknowledged in time (one due-index query: only the overdue ones are read). Nothing to report, nothing sent.
 */
export async function sendStaffDigest(
  deps: CohortDeps & { mentorCases: Pick<MentorCaseRepository, 'listDueForAcknowledgement'> },
): Promise<{ items: number }> {
  const now = Date.parse(deps.clock.now());
  const items: DigestItem[] = [];
  for (const status of inFlightStatuses) {
    for await (const placement of placementsInStatus(deps.placements, status)) {
      if (placement.needsAttention !== undefined) items.push({ placement, why: placement.needsAttention.reason });
      else if (status === 'EXAM' && resultOverdue(placement, now)) items.push({ placement, why: 'the exam result is overdue.' });
    }
  }
  for (const mentorCase of await deps.mentorCases.listDueForAcknowledgement(deps.clock.now())) {
    const placement = await deps.placements.get(mentorCase.placementId);
    if (placement !== undefined) items.push({ placement, why: unacknowledgedCaseReason(mentorCase, deps.agency) });
  }
  if (items.length === 0) return { items: 0 };
  await deps.mailer.send({ ...staffDigestLetter(items, deps.agency), placementId: 'digest' });
  return { items: items.length };
}
