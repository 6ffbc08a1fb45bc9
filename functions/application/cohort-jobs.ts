import type { AgencyConfig } from '../domain/agency-config';
import { effectKeys } from '../domain/effects';
import { inFlightStatuses, type Actor, type Placement } from '../domain/placement';
import { checkInLetter, proctorReminderLetter, staffDigestLetter, type DigestItem } from '../emails/letters';
import { clientLinks } from './client-links';
import { placementsInStatus } from './placements-in-status';
import type { ClientLinkKeys, Clock, Mailer, PlacementRepository } from './ports';
import { sendOnce } from './send-once';

/** The EventBridge-scheduled work over many placements: check-ins, overdue exam results, the staff digest. */

export interface CohortDeps {
  placements: Pick<PlacementRepository, 'listByStatus' | 'get' | 'save'>;
  mailer: Mailer;
  agency: AgencyConfig;
  clock: Clock;
}

const weekMs = 7 * 24 * 3600 * 1000;

const schedules: Actor = { kind: 'system', component: 'schedules' };

/** Weeks after the start at which the client is asked how it goes: weekly for a month, then monthly. */
export function isCheckInWeek(weeksSinceStart: number): boolean {
  return weeksSinceStart >= 1 && (weeksSinceStart <= 4 || weeksSinceStart % 4 === 0);
}

/** The check-in reminders to clients of active placements (the welcome letter covers the first day). */
export async function sendCheckIns(deps: CohortDeps & { linkKeys: ClientLinkKeys }): Promise<{ sent: number }> {
  const now = Date.parse(deps.clock.now());
  let sent = 0;
  for await (const placement of placementsInStatus(deps.placements, 'ACTIVE')) {
    const weeks = Math.floor((now - Date.parse(placement.timeline.startsAt)) / weekMs);
    if (!isCheckInWeek(weeks)) continue;
    const checkIn = await sendOnce(deps, placement, schedules, {
      key: effectKeys.checkIn(weeks),
      letter: (current) => checkInLetter(current, deps.agency, weeks, clientLinks(current, deps.agency, deps.linkKeys).talkToUsUrl),
    });
    if (checkIn.sent) sent += 1;
  }
  return { sent };
}

function resultOverdue(placement: Placement, now: number): boolean {
  return placement.exam === undefined && Date.parse(placement.timeline.resultsDueAt) < now;
}

/**
 * Exam results past their deadline whose lifecycle is not waiting for them (its execution gone, say):
 * a waiting lifecycle reminds the proctors itself, at the same hour, and two reminders would cross.
 */
export async function remindOverdueExamResults(deps: CohortDeps): Promise<{ sent: number }> {
  const now = Date.parse(deps.clock.now());
  let sent = 0;
  for await (const placement of placementsInStatus(deps.placements, 'EXAM')) {
    if (!resultOverdue(placement, now) || placement.lifecycle?.waitingFor === 'examResult') continue;
    const reminder = await sendOnce(deps, placement, schedules, {
      key: effectKeys.proctorReminder(deps.clock.now()),
      letter: (current) => proctorReminderLetter(current, deps.agency),
    });
    if (reminder.sent) sent += 1;
  }
  return { sent };
}

/** The weekday digest for agency staff: what needs a person today. Nothing to report, nothing sent. */
export async function sendStaffDigest(deps: CohortDeps): Promise<{ items: number }> {
  const now = Date.parse(deps.clock.now());
  const items: DigestItem[] = [];
  for (const status of inFlightStatuses) {
    for await (const placement of placementsInStatus(deps.placements, status)) {
      if (placement.needsAttention !== undefined) items.push({ placement, why: placement.needsAttention.reason });
      else if (status === 'EXAM' && resultOverdue(placement, now)) items.push({ placement, why: 'the exam result is overdue.' });
    }
  }
  if (items.length === 0) return { items: 0 };
  await deps.mailer.send({ ...staffDigestLetter(items, deps.agency), placementId: 'digest' });
  return { items: items.length };
}
