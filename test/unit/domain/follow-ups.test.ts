import { describe, expect, it } from 'vitest';
import { escalationAt, reminderTimes } from '../../../functions/domain/calendar';
import { effectKeys, paperworkRemindersSent } from '../../../functions/domain/effects';
import { paperworkFollowUp } from '../../../functions/domain/follow-ups';
import { firstExecutionName, freshExecutionName } from '../../../functions/domain/ids';
import { inFlightStatuses } from '../../../functions/domain/placement';
import type { Placement } from '../../../functions/domain/schemas';
import { config, newPlacement } from '../../support/domain-fixtures';

/** A placement whose links went out, with `reminders` reminders (and maybe the escalation) already sent. */
function awaiting(reminders = 0, escalated = false): Placement {
  const placement = newPlacement('pl-follow');
  const effects: Record<string, string> = { [effectKeys.onboardingLinks]: placement.timeline.linksAt };
  for (let number = 1; number <= reminders; number += 1) effects[effectKeys.paperworkReminder(number)] = placement.timeline.linksAt;
  if (escalated) effects[effectKeys.paperworkEscalation] = placement.timeline.linksAt;
  return { ...placement, status: 'AWAITING_ONBOARDING', effects };
}

const base = awaiting();
const reminders = reminderTimes(base.timeline.linksAt, base.client.timezone, config);
const escalation = escalationAt(base.timeline.linksAt, base.client.timezone, config);
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1000).toISOString();

describe('the paperwork follow-up', () => {
  it('waits for the first reminder until it is due, then sends reminder 1 of 3', () => {
    // Act & Assess
    expect(paperworkFollowUp(base, config, justBefore(reminders[0] ?? ''))).toEqual({ kind: 'wait', until: reminders[0] });
    expect(paperworkFollowUp(base, config, reminders[0] ?? '')).toEqual({ kind: 'reminder', number: 1, of: 3 });
  });

  it('counts the reminders sent from the placement, so the next one is the one after them', () => {
    // Act & Assess
    expect(paperworkFollowUp(awaiting(1), config, reminders[0] ?? '')).toEqual({ kind: 'wait', until: reminders[1] });
    expect(paperworkFollowUp(awaiting(2), config, reminders[2] ?? '')).toEqual({ kind: 'reminder', number: 3, of: 3 });
  });

  it('escalates once after the last reminder, then waits without end', () => {
    // Act & Assess
    expect(paperworkFollowUp(awaiting(3), config, justBefore(escalation))).toEqual({ kind: 'wait', until: escalation });
    expect(paperworkFollowUp(awaiting(3), config, escalation)).toEqual({ kind: 'escalate' });
    expect(paperworkFollowUp(awaiting(3, true), config, escalation)).toEqual({ kind: 'wait' });
  });

  it('chases nobody whose paperwork is done, or whose links have not gone out', () => {
    // Prepare
    const done: Placement = {
      ...base,
      contract: { envelopeId: 'env-1', status: 'SIGNED', sentAt: base.timeline.linksAt, signedAt: base.timeline.linksAt },
      reserve: { status: 'FUNDED', fundedAt: base.timeline.linksAt },
    };
    const notSent: Placement = { ...base, status: 'SELECTED' };

    // Act & Assess
    expect(paperworkFollowUp(done, config, escalation).kind).toBe('wait');
    expect(paperworkFollowUp(notSent, config, reminders[0] ?? '').kind).toBe('wait');
  });

  it('reads the reminder count from reminder keys only', () => {
    // Act & Assess
    expect(paperworkRemindersSent(awaiting(2, true))).toBe(2);
    expect(paperworkRemindersSent(newPlacement('pl-none'))).toBe(0);
  });
});

describe('the lifecycle driver', () => {
  it('is still in flight in every status it can move on from', () => {
    // Assess
    expect(inFlightStatuses).toEqual(['SELECTED', 'AWAITING_ONBOARDING', 'READY', 'IN_CERTIFICATION', 'EXAM', 'CERTIFIED']);
  });

  it('names the first execution after the placement and a fresh one after the placement and the second it starts', () => {
    // Assess
    expect(firstExecutionName('01JPLACEMENT')).toBe('01JPLACEMENT');
    expect(freshExecutionName('01JPLACEMENT', '2026-12-02T05:21:08.123Z')).toBe('01JPLACEMENT-20261202052108');
  });
});
