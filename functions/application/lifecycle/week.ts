import { effectDone, effectKeys } from '../../domain/effects';
import { andThen, attentionReasons, changeStatus, clearAttention, recordEffect, rescheduleIfLate } from '../../domain/placement';
import { examDayLetter, proctorReminderLetter, weekScheduleLetter } from '../../emails/letters';
import { sendOnce } from '../send-once';
import { dayInSeconds, decideWith, lifecycleActor, load, secondsUntil, type LifecycleDeps } from './common';
import { waitForPeople } from './waits';

/** The certification week: the schedule fixed, Monday to Thursday's sessions, Friday's exam and its result. */

const sessionTopics = [
  'Industry background',
  "The client's company background",
  'Soft-skills mentoring',
  'Soft-skills mentoring: practice',
] as const;

/** Moves the week if the paperwork missed the cutoff, then tells the client and the VE the schedule. */
export async function fixCertificationWeek(deps: LifecycleDeps, placementId: string) {
  const { placement: replanned } = await decideWith(deps, placementId, (current, at) =>
    andThen(rescheduleIfLate(current, deps.agency, at), (moved) =>
      // The escalation's reason is gone once the paperwork is done: staff no longer need to chase it.
      moved.needsAttention?.reason === attentionReasons.paperworkNotDone ? clearAttention(moved, at) : { placement: moved, entries: [] },
    ),
  );
  const week = replanned.timeline.certificationWeek;
  const toClient = await sendOnce(deps, replanned, lifecycleActor, {
    key: effectKeys.weekSchedule(week, 'client'),
    letter: (current) => weekScheduleLetter(current, deps.agency, 'client'),
  });
  const { placement } = await sendOnce(deps, toClient.placement, lifecycleActor, {
    key: effectKeys.weekSchedule(week, 've'),
    letter: (current) => weekScheduleLetter(current, deps.agency, 've'),
  });
  return { weekStartsAt: placement.timeline.weekStartsAt, examAt: placement.timeline.examAt };
}

/** Monday: IN_CERTIFICATION, and every session whose time has come is recorded (a resumed week catches up). */
export async function startCertificationWeek(deps: LifecycleDeps, placementId: string) {
  const current = await load(deps, placementId);
  if (current.status === 'READY') await decideWith(deps, placementId, (latest, at) => changeStatus(latest, 'IN_CERTIFICATION', at));
  return holdDueSessions(deps, placementId);
}

/** A session time came: record it (and any earlier one missed), then say when the next is. */
export function holdSession(deps: LifecycleDeps, placementId: string) {
  return holdDueSessions(deps, placementId);
}

async function holdDueSessions(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  const now = Date.parse(deps.clock.now());
  const sessions = placement.timeline.sessionsAt;
  for (const [index, at] of sessions.entries()) {
    if (placement.status !== 'IN_CERTIFICATION') break;
    const key = effectKeys.session(index);
    if (Date.parse(at) > now || effectDone(placement, key)) continue;
    const topic = sessionTopics[index] ?? 'Certification session';
    placement = (await decideWith(deps, placementId, (latest, stamp) => recordEffect(latest, key, 'SESSION_HELD', stamp, { topic }))).placement;
  }
  const next = sessions.find((at) => Date.parse(at) > now);
  return { moreSessions: next !== undefined, nextSessionAt: next ?? placement.timeline.examAt, examAt: placement.timeline.examAt };
}

/** Friday at exam time: EXAM, and the proctors get the day's exam with the results deadline. */
export async function beginExam(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  if (placement.status === 'IN_CERTIFICATION') {
    placement = (await decideWith(deps, placementId, (current, at) => changeStatus(current, 'EXAM', at))).placement;
  }
  ({ placement } = await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.examDay,
    letter: (current) => examDayLetter(current, deps.agency),
  }));
  return { secondsUntilNextCheck: secondsUntil(placement.timeline.resultsDueAt, deps.clock.now()) };
}

export function awaitExamResult(deps: LifecycleDeps, placementId: string, taskToken: string) {
  return waitForPeople(deps, placementId, 'examResult', taskToken).then((outcome) => ({ outcome }));
}

/** The result is past due: one reminder to the proctors per day until it is recorded. */
export async function remindProctors(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  if (placement.status === 'EXAM' && placement.exam === undefined) {
    await sendOnce(deps, placement, lifecycleActor, {
      key: effectKeys.proctorReminder(deps.clock.now()),
      letter: (current) => proctorReminderLetter(current, deps.agency),
    });
  }
  return { secondsUntilNextCheck: dayInSeconds };
}
