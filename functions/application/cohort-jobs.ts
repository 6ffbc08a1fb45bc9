import type { Clock, Mailer, OutgoingEmail, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { effectDone, type Placement, type PlacementStatus } from '../domain/placement';
import { checkInLetter, proctorReminderLetter } from '../emails/letters';
import { render } from '../emails/layout';
import { clientLinks } from './client-links';
import { sendOnce as sendEmailOnce } from './send-once';

/** The EventBridge-scheduled work over many placements: check-ins, overdue exam results, the staff digest. */

export interface CohortDeps {
  placements: Pick<PlacementRepository, 'listByStatus' | 'get' | 'save'>;
  mailer: Mailer;
  agency: AgencyConfig;
  clock: Clock;
}

const weekMs = 7 * 24 * 3600 * 1000;

async function everyPlacement(deps: CohortDeps, status: PlacementStatus): Promise<Placement[]> {
  const all: Placement[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps.placements.listByStatus(status, { limit: 100, ...(nextToken === undefined ? {} : { nextToken }) });
    all.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return all;
}

/** Sends and records an email under `key` unless the placement already records it; true when it went now. */
async function sendOnce(deps: CohortDeps, placement: Placement, key: string, email: OutgoingEmail): Promise<boolean> {
  if (effectDone(placement, key)) return false;
  await sendEmailOnce(deps, placement, key, () => email, { kind: 'system', component: 'schedules' });
  return true;
}

/** Weeks after the start at which the client is asked how it goes: weekly for a month, then monthly. */
export function isCheckInWeek(weeksSinceStart: number): boolean {
  return weeksSinceStart >= 1 && (weeksSinceStart <= 4 || weeksSinceStart % 4 === 0);
}

/** The check-in reminders to clients of active placements (the welcome letter covers the first day). */
export async function sendCheckIns(deps: CohortDeps): Promise<{ sent: number }> {
  const now = Date.parse(deps.clock.now());
  let sent = 0;
  for (const placement of await everyPlacement(deps, 'ACTIVE')) {
    const weeks = Math.floor((now - Date.parse(placement.timeline.startsAt)) / weekMs);
    if (!isCheckInWeek(weeks)) continue;
    const email = { to: [placement.client.email], placementId: placement.id, ...checkInLetter(placement, deps.agency, weeks, clientLinks(placement, deps.agency).talkToUsUrl) };
    if (await sendOnce(deps, placement, `checkIn:${weeks}`, email)) sent += 1;
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
  const day = deps.clock.now().slice(0, 10);
  let sent = 0;
  for (const placement of await everyPlacement(deps, 'EXAM')) {
    if (!resultOverdue(placement, now) || placement.lifecycle?.waitingFor === 'examResult') continue;
    const email = { to: [deps.agency.proctorsEmail], placementId: placement.id, ...proctorReminderLetter(placement, deps.agency) };
    if (await sendOnce(deps, placement, `proctorReminder:${day}`, email)) sent += 1;
  }
  return { sent };
}

const inFlight: PlacementStatus[] = ['SELECTED', 'AWAITING_ONBOARDING', 'READY', 'IN_CERTIFICATION', 'EXAM', 'CERTIFIED'];

/** The weekday digest for agency staff: what needs a person today. Nothing to report, nothing sent. */
export async function sendStaffDigest(deps: CohortDeps): Promise<{ items: number }> {
  const now = Date.parse(deps.clock.now());
  const lines: string[] = [];
  for (const status of inFlight) {
    for (const placement of await everyPlacement(deps, status)) {
      const who = `${placement.candidate.name} for ${placement.client.company} (${placement.status}, placement ${placement.id})`;
      if (placement.needsAttention !== undefined) lines.push(`${who}: ${placement.needsAttention.reason}`);
      else if (status === 'EXAM' && resultOverdue(placement, now)) lines.push(`${who}: the exam result is overdue.`);
    }
  }
  if (lines.length === 0) return { items: 0 };
  const letter = render({
    subject: `${lines.length} placement${lines.length === 1 ? '' : 's'} need${lines.length === 1 ? 's' : ''} attention today`,
    greeting: 'Good morning,',
    blocks: ['These placements need a person today:', { list: lines }, 'Each placement’s history in the staff API shows what happened so far.'],
    signOff: 'VE Certification',
  });
  await deps.mailer.send({ to: [deps.agency.customerServiceEmail], placementId: 'digest', ...letter });
  return { items: lines.length };
}
