import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { agencyHolidays, noHolidays } from '../../../functions/domain/agency-holidays';
import type { Placement } from '../../../functions/domain/placement';
import {
  acceptSuggestedPhase,
  checkInDue,
  checkInWeeks,
  movePhase,
  recordCheckInSent,
  recordReview,
  silenceToRaise,
  startRelationship,
} from '../../../functions/domain/relationship';
import { newPlacement, staff } from '../../support/domain-fixtures';

const client = { kind: 'system', component: 'client-links' } as const;

/** An ACTIVE placement whose VE started on Monday 2027-03-01 in the client's zone, its relationship begun. */
function started(timezone = 'America/Los_Angeles'): Placement {
  const base = newPlacement('P-rel', { client: { name: 'Alex Client', email: 'alex@client.example', company: 'Client Co', timezone } });
  const startsAt = DateTime.fromISO('2027-03-01T09:00', { zone: timezone }).toUTC().toISO() ?? '';
  const active: Placement = { ...base, status: 'ACTIVE', timeline: { ...base.timeline, startDate: '2027-03-01', startsAt } };
  return startRelationship(active, noHolidays, { at: startsAt, by: { kind: 'system', component: 'lifecycle' } }).placement;
}

/** Sends check-ins 1…n in turn, each at its due time. */
function afterCheckIns(placement: Placement, count: number): Placement {
  let current = placement;
  for (let number = 1; number <= count; number += 1) {
    const due = current.relationship?.nextCheckIn;
    if (due === undefined) throw new Error('no check-in planned');
    current = recordCheckInSent(current, number, noHolidays, { at: due.dueAt, by: client }).placement;
  }
  return current;
}

describe('when check-ins are due', () => {
  it('comes weekly for four weeks, then every four weeks', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(checkInWeeks)).toEqual([1, 2, 3, 4, 8, 12, 16]);
  });

  it.each(['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'Europe/London', 'Asia/Manila', 'Pacific/Kiritimati'])(
    'falls on the Monday a week after the start at 09:00 in %s, whatever its offset from UTC',
    (zone) => {
      const days = [1, 2, 3, 4, 5, 6].map((number) => DateTime.fromISO(checkInDue('2027-03-01', zone, number, noHolidays).dueAt).setZone(zone));

      expect(days.map((day) => day.toISODate())).toEqual(['2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29', '2027-04-26', '2027-05-24']);
      expect(days.every((day) => day.weekday === 1 && day.hour === 9 && day.minute === 0)).toBe(true);
    },
  );

  it('moves off an agency holiday to the next working day, and not without one', () => {
    // Memorial Day 2027 is Monday 31 May: check-in 7 (16 weeks after a Monday 8 February start).
    const withHolidays = checkInDue('2027-02-08', 'America/New_York', 7, agencyHolidays('US'));
    const without = checkInDue('2027-02-08', 'America/New_York', 7, noHolidays);

    expect(DateTime.fromISO(without.dueAt).setZone('America/New_York').toISODate()).toBe('2027-05-31');
    expect(DateTime.fromISO(withHolidays.dueAt).setZone('America/New_York').toISODate()).toBe('2027-06-01');
  });

  it('plans the first check-in when the VE starts, and the next one as each goes out', () => {
    const placement = started();
    expect(placement.relationship).toMatchObject({ phase: 'I', checkInsSent: 0, nextCheckIn: { number: 1, weeksAfterStart: 1 } });

    const afterFour = afterCheckIns(placement, 4);

    expect(afterFour.relationship?.nextCheckIn).toMatchObject({ number: 5, weeksAfterStart: 8 });
    // Sending check-in 4 again (a retried job) changes nothing.
    expect(recordCheckInSent(afterFour, 4, noHolidays, { at: afterFour.updatedAt, by: client }).entries).toEqual([]);
    // A job that comes back after an outage sends the late check-in, then waits for the next Monday to come.
    const late = recordCheckInSent(afterCheckIns(placement, 4), 5, noHolidays, { at: '2027-05-25T18:00:00Z', by: client }); // week 12 was 24 May
    expect(late.placement.relationship?.nextCheckIn).toMatchObject({ number: 7, weeksAfterStart: 16 });
  });
});

describe('reviews and phases', () => {
  it('suggests Phase II after two good reviews in a row once Phase I has run two weeks', () => {
    let placement = afterCheckIns(started(), 2);
    const at = (number: number) => checkInDue('2027-03-01', 'America/Los_Angeles', number, noHolidays).dueAt;

    placement = recordReview(placement, { checkIn: 1, answer: 'great' }, { at: at(1), by: client }).placement;
    expect(placement.relationship?.suggestedPhase).toBeUndefined();
    const second = recordReview(placement, { checkIn: 2, answer: 'good' }, { at: at(2), by: client });

    expect(second.placement.relationship?.suggestedPhase?.phase).toBe('II');
    expect(second.entries.map((entry) => entry.what)).toEqual(['REVIEW_RECORDED', 'PHASE_SUGGESTED']);
  });

  it('suggests nothing after a low review between good ones, nor before the phase has run its time', () => {
    let placement = afterCheckIns(started(), 3);
    const at = (number: number) => checkInDue('2027-03-01', 'America/Los_Angeles', number, noHolidays).dueAt;
    placement = recordReview(placement, { checkIn: 1, answer: 'good' }, { at: at(1), by: client }).placement;
    placement = recordReview(placement, { checkIn: 2, answer: 'mixed' }, { at: at(2), by: client }).placement;
    placement = recordReview(placement, { checkIn: 3, answer: 'good' }, { at: at(3), by: client }).placement;
    expect(placement.relationship?.suggestedPhase).toBeUndefined();

    // Moved to Phase II at check-in 3: two good reviews a week later are too soon for Phase III (six weeks).
    let phaseTwo = movePhase(placement, 'II', 'Dana Staff', 'Ready for more.', { at: at(3), by: staff }).placement;
    phaseTwo = recordCheckInSent(phaseTwo, 4, noHolidays, { at: at(4), by: client }).placement;
    phaseTwo = recordReview(phaseTwo, { checkIn: 4, answer: 'great' }, { at: at(4), by: client }).placement;
    phaseTwo = recordCheckInSent(phaseTwo, 5, noHolidays, { at: at(5), by: client }).placement;
    const early = recordReview(phaseTwo, { checkIn: 5, answer: 'great' }, { at: at(5), by: client }).placement;
    // Check-in 5 is five weeks after the move at check-in 3: not yet six.
    expect(early.relationship?.suggestedPhase).toBeUndefined();
  });

  it('records the same click once, and a changed answer as a new entry', () => {
    const placement = afterCheckIns(started(), 1);
    const first = recordReview(placement, { checkIn: 1, answer: 'good' }, { at: placement.updatedAt, by: client });

    expect(recordReview(first.placement, { checkIn: 1, answer: 'good' }, { at: placement.updatedAt, by: client }).entries).toEqual([]);
    const changed = recordReview(first.placement, { checkIn: 1, answer: 'trouble', comment: 'Deadlines slip.' }, { at: placement.updatedAt, by: client });
    expect(changed.placement.relationship?.reviews).toEqual([{ checkIn: 1, answer: 'trouble', at: placement.updatedAt, comment: 'Deadlines slip.' }]);
  });

  it('refuses an answer to a check-in not sent yet', () => {
    const placement = afterCheckIns(started(), 1);
    expect(() => recordReview(placement, { checkIn: 2, answer: 'good' }, { at: placement.updatedAt, by: client })).toThrow(/not been sent/);
  });

  it('lets the client accept only the phase on offer, and moves it with a history entry', () => {
    const placement = started();
    expect(() => acceptSuggestedPhase(placement, 'II', { at: placement.updatedAt, by: client })).toThrow(/not on offer/);

    const offered: Placement = { ...placement, relationship: { ...placement.relationship!, suggestedPhase: { phase: 'II', at: placement.updatedAt } } };
    const accepted = acceptSuggestedPhase(offered, 'II', { at: '2027-03-20T17:00:00Z', by: client });

    expect(accepted.placement.relationship).toMatchObject({ phase: 'II', since: '2027-03-20T17:00:00Z', movedBy: 'the client' });
    expect(accepted.placement.relationship?.suggestedPhase).toBeUndefined();
    expect(accepted.entries).toEqual([expect.objectContaining({ what: 'PHASE_CHANGED', details: { from: 'I', to: 'II' } })]);
  });

  it('moves the phase only of a placement whose VE has started', () => {
    const notStarted = newPlacement('P-new');
    expect(() => movePhase(notStarted, 'II', 'Dana Staff', undefined, { at: notStarted.updatedAt, by: staff })).toThrow(/has not started/);
  });
});

describe('a client who has gone quiet', () => {
  it('is raised after three unanswered check-ins in a row, once per silence', () => {
    const threeSent = afterCheckIns(started(), 3);
    expect(silenceToRaise(afterCheckIns(started(), 2))).toBeUndefined();
    expect(silenceToRaise(threeSent)).toEqual({ from: 1, unanswered: 3 });

    const raised: Placement = { ...threeSent, relationship: { ...threeSent.relationship!, quietCaseFrom: 1 } };
    expect(silenceToRaise(raised)).toBeUndefined();
  });

  it('counts the silence from the last answer', () => {
    let placement = afterCheckIns(started(), 2);
    placement = recordReview(placement, { checkIn: 2, answer: 'good' }, { at: placement.updatedAt, by: client }).placement;
    const due = (number: number) => checkInDue('2027-03-01', 'America/Los_Angeles', number, noHolidays).dueAt;
    for (const number of [3, 4]) placement = recordCheckInSent(placement, number, noHolidays, { at: due(number), by: client }).placement;
    expect(silenceToRaise(placement)).toBeUndefined();

    placement = recordCheckInSent(placement, 5, noHolidays, { at: due(5), by: client }).placement;
    expect(silenceToRaise(placement)).toEqual({ from: 3, unanswered: 3 });
  });
});
