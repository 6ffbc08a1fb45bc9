import { escalationAt, reminderTimes, type CalendarConfig } from './calendar';
import { effectDone, effectKeys, paperworkRemindersSent } from './effects';
import { paperworkDone } from './placement';
import type { Instant, Placement } from './schemas';

/**
 * What the paperwork wait does next: send reminder `number` of `of`, escalate to Customer Service
 * (once, after the last reminder), or wait — until the next of those is due, or, with nothing left to
 * send, without end (`until` absent).
 */
export type PaperworkFollowUp =
  | { kind: 'reminder'; number: number; of: number }
  | { kind: 'escalate' }
  | { kind: 'wait'; until?: Instant };

/** The one rule for chasing the paperwork; both the lifecycle step and its next timeout come from it. */
export function paperworkFollowUp(
  placement: Placement,
  config: Pick<CalendarConfig, 'reminderEveryDays' | 'reminderCount' | 'holidays'>,
  now: Instant,
): PaperworkFollowUp {
  const { linksAt } = placement.timeline;
  const zone = placement.client.timezone;
  const reminders = reminderTimes(linksAt, zone, config);
  const sent = paperworkRemindersSent(placement);
  const reminderDue = reminders[sent];
  const next =
    reminderDue !== undefined
      ? { at: reminderDue, action: { kind: 'reminder' as const, number: sent + 1, of: reminders.length } }
      : effectDone(placement, effectKeys.paperworkEscalation)
        ? undefined
        : { at: escalationAt(linksAt, zone, config), action: { kind: 'escalate' as const } };
  if (next === undefined) return { kind: 'wait' };
  const chasing = placement.status === 'AWAITING_ONBOARDING' && !paperworkDone(placement);
  return chasing && Date.parse(next.at) <= Date.parse(now) ? next.action : { kind: 'wait', until: next.at };
}
