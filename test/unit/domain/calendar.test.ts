import { describe, expect, it } from 'vitest';
import {
  certificationWeekFor,
  escalationAt,
  cutoffPassed,
  onboardingLinksAt,
  planTimeline,
  reminderTimes,
  weekSchedule,
} from '../../../functions/domain/calendar';
import { agencyHolidays, noHolidays } from '../../../functions/domain/agency-holidays';
import { InvalidInput } from '../../../functions/domain/errors';
import { config } from '../../support/domain-fixtures';

// Agency time is America/Chicago throughout: CDT = UTC-5 in summer, CST = UTC-6 in winter.
// 2025-06-02 is a Monday.

describe('certification week: the Monday following the selection, agency time', () => {
  it.each([
    { case: 'selection on a Sunday → the next day', selectedAt: '2025-06-01T18:00:00Z', week: '2025-06-02', startsAt: '2025-06-02T14:00:00Z' },
    { case: 'selection on a Monday → a week later', selectedAt: '2025-06-02T15:00:00Z', week: '2025-06-09', startsAt: '2025-06-09T14:00:00Z' },
    {
      case: 'selection on a Monday before the session hour → still a week later',
      selectedAt: '2025-06-02T13:00:00Z',
      week: '2025-06-09',
      startsAt: '2025-06-09T14:00:00Z',
    },
    {
      case: 'selection late Friday (already Saturday in UTC)',
      selectedAt: '2025-06-07T04:59:00Z',
      week: '2025-06-09',
      startsAt: '2025-06-09T14:00:00Z',
    },
    {
      case: 'selection late Sunday (already Monday in UTC) → that Monday',
      selectedAt: '2025-06-09T04:30:00Z',
      week: '2025-06-09',
      startsAt: '2025-06-09T14:00:00Z',
    },
    {
      case: 'US DST start weekend: Saturday in CST, Monday in CDT',
      selectedAt: '2025-03-08T18:00:00Z',
      week: '2025-03-10',
      startsAt: '2025-03-10T14:00:00Z',
    },
    {
      case: 'US DST end weekend: Saturday in CDT, Monday in CST',
      selectedAt: '2025-11-01T17:00:00Z',
      week: '2025-11-03',
      startsAt: '2025-11-03T15:00:00Z',
    },
    {
      case: 'selection given with an offset other than the agency one',
      selectedAt: '2025-06-08T23:30:00+08:00',
      week: '2025-06-09',
      startsAt: '2025-06-09T14:00:00Z',
    },
  ])('$case', ({ selectedAt, week, startsAt }) => {
    // Act
    const timeline = planTimeline(
      { selectedAt, interviewAt: selectedAt, clientTimezone: 'America/New_York' },
      config,
      selectedAt,
    );

    // Assess
    expect(timeline.certificationWeek).toBe(week);
    expect(timeline.weekStartsAt).toBe(startsAt);
  });
});

describe('the week moves when the paperwork misses the cutoff', () => {
  const selectedAt = '2025-07-30T16:00:00Z'; // Wednesday → planned week 2025-08-04, cutoff 14:00Z (no holiday in the weeks it may move to)

  it.each([
    { case: 'both done before the cutoff: as planned', contractSignedAt: '2025-07-31T15:00:00Z', reserveFundedAt: '2025-08-04T13:59:00Z', week: '2025-08-04', movedFrom: undefined },
    { case: 'reserve funded an hour after the cutoff: the next Monday', contractSignedAt: '2025-07-31T15:00:00Z', reserveFundedAt: '2025-08-04T15:00:00Z', week: '2025-08-11', movedFrom: '2025-08-04' },
    { case: 'contract signed exactly at the cutoff: late', contractSignedAt: '2025-08-04T14:00:00Z', reserveFundedAt: '2025-07-31T15:00:00Z', week: '2025-08-11', movedFrom: '2025-08-04' },
    { case: 'done late on a Sunday (Monday in UTC): the Monday after that Sunday', contractSignedAt: '2025-08-05T15:00:00Z', reserveFundedAt: '2025-08-11T04:00:00Z', week: '2025-08-11', movedFrom: '2025-08-04' },
    { case: 'contract still outstanding: the week as planned, for now', contractSignedAt: undefined, reserveFundedAt: '2025-08-05T15:00:00Z', week: '2025-08-04', movedFrom: undefined },
  ])('$case', ({ contractSignedAt, reserveFundedAt, week, movedFrom }) => {
    // Act
    const result = certificationWeekFor(selectedAt, { contractSignedAt, reserveFundedAt }, config);

    // Assess
    expect(result.certificationWeek).toBe(week);
    expect(result.rescheduledFrom).toBe(movedFrom);
  });

  it('says the cutoff has passed from the first session of the week on, the moment that moves the week', () => {
    // Prepare
    const weekStartsAt = '2025-08-04T14:00:00Z';

    // Act & Assess
    expect(cutoffPassed(weekStartsAt, '2025-08-04T13:59:59Z')).toBe(false);
    expect(cutoffPassed(weekStartsAt, '2025-08-04T14:00:00Z')).toBe(true);
    expect(cutoffPassed(weekStartsAt, '2025-08-07T00:00:00Z')).toBe(true);
    // The same rule the week follows: paperwork done at the cutoff itself moves it.
    expect(certificationWeekFor(selectedAt, { contractSignedAt: '2025-07-31T15:00:00Z', reserveFundedAt: weekStartsAt }, config).rescheduledFrom).toBe('2025-08-04');
  });
});

describe('the week: sessions, exam, results deadline and the first working day', () => {
  it('runs Monday–Thursday sessions at 09:00 and the exam Friday 13:00 agency time; the VE starts the Monday after, 09:00 client time', () => {
    // Act
    const schedule = weekSchedule('2025-06-09', 'America/New_York', config);

    // Assess
    expect(schedule).toEqual({
      certificationWeek: '2025-06-09',
      weekStartsAt: '2025-06-09T14:00:00Z',
      sessionsAt: ['2025-06-09T14:00:00Z', '2025-06-10T14:00:00Z', '2025-06-11T14:00:00Z', '2025-06-12T14:00:00Z'],
      examAt: '2025-06-13T18:00:00Z',
      resultsDueAt: '2025-06-13T22:00:00Z',
      startDate: '2025-06-16',
      startsAt: '2025-06-16T13:00:00Z',
    });
  });

  it.each([
    { case: 'client in Asia/Manila (exam is Saturday 02:00 there)', zone: 'Asia/Manila', startDate: '2025-06-16', startsAt: '2025-06-16T01:00:00Z' },
    { case: 'client in Pacific/Auckland (exam is Saturday 06:00; start is Sunday in UTC)', zone: 'Pacific/Auckland', startDate: '2025-06-16', startsAt: '2025-06-15T21:00:00Z' },
    { case: 'client in America/Los_Angeles (exam is Friday 11:00)', zone: 'America/Los_Angeles', startDate: '2025-06-16', startsAt: '2025-06-16T16:00:00Z' },
  ])('$case', ({ zone, startDate, startsAt }) => {
    // Act
    const schedule = weekSchedule('2025-06-09', zone, config);

    // Assess
    expect(schedule.examAt).toBe('2025-06-13T18:00:00Z');
    expect(schedule.startDate).toBe(startDate);
    expect(schedule.startsAt).toBe(startsAt);
  });

  it('keeps the exam at 13:00 agency time in the week after the US DST start, for a client still on GMT', () => {
    // Act
    const schedule = weekSchedule('2025-03-10', 'Europe/London', config);

    // Assess: Chicago is on CDT (UTC-5) while London is still on GMT until 30 March.
    expect(schedule.examAt).toBe('2025-03-14T18:00:00Z');
    expect(schedule.startsAt).toBe('2025-03-17T09:00:00Z');
  });

  it('starts a client in London at 09:00 BST after the UK clocks go forward', () => {
    // Act: exam Friday 2025-03-28; UK summer time starts Sunday 2025-03-30.
    const schedule = weekSchedule('2025-03-24', 'Europe/London', config);

    // Assess
    expect(schedule.examAt).toBe('2025-03-28T18:00:00Z');
    expect(schedule.startsAt).toBe('2025-03-31T08:00:00Z');
  });

  it('refuses a certification week that is not a Monday', () => {
    // Act & Assess
    expect(() => weekSchedule('2025-06-10', 'America/New_York', config)).toThrow(InvalidInput);
  });
});

describe('the onboarding email: the day after the interview, 09:00 client time', () => {
  it.each([
    { case: 'client in New York', zone: 'America/New_York', interviewAt: '2025-06-03T15:00:00Z', now: '2025-06-03T16:00:00Z', linksAt: '2025-06-04T13:00:00Z' },
    { case: 'client in Asia/Manila: the interview day is already Wednesday there', zone: 'Asia/Manila', interviewAt: '2025-06-03T23:00:00Z', now: '2025-06-04T00:00:00Z', linksAt: '2025-06-05T01:00:00Z' },
    { case: 'client in Pacific/Auckland', zone: 'Pacific/Auckland', interviewAt: '2025-06-03T22:00:00Z', now: '2025-06-03T23:00:00Z', linksAt: '2025-06-04T21:00:00Z' },
    { case: 'client in America/Los_Angeles: an evening interview is still Tuesday there', zone: 'America/Los_Angeles', interviewAt: '2025-06-04T02:00:00Z', now: '2025-06-04T03:00:00Z', linksAt: '2025-06-04T16:00:00Z' },
    { case: 'the day after the interview is already past: now', zone: 'America/New_York', interviewAt: '2025-06-02T15:00:00Z', now: '2025-06-04T16:07:12.345Z', linksAt: '2025-06-04T16:07:12.345Z' },
    { case: 'the moment is exactly now: now', zone: 'America/New_York', interviewAt: '2025-06-03T15:00:00Z', now: '2025-06-04T13:00:00Z', linksAt: '2025-06-04T13:00:00Z' },
    { case: 'US DST start: 09:00 EDT on the Sunday the clocks moved', zone: 'America/New_York', interviewAt: '2025-03-08T15:00:00Z', now: '2025-03-08T16:00:00Z', linksAt: '2025-03-09T13:00:00Z' },
    { case: 'US DST end: 09:00 EST on the Sunday the clocks moved', zone: 'America/New_York', interviewAt: '2025-11-01T15:00:00Z', now: '2025-11-01T16:00:00Z', linksAt: '2025-11-02T14:00:00Z' },
  ])('$case', ({ zone, interviewAt, now, linksAt }) => {
    // Act & Assess
    expect(onboardingLinksAt(interviewAt, zone, now)).toBe(linksAt);
  });

  it('refuses an interview time that is not an instant', () => {
    // Act & Assess
    expect(() => onboardingLinksAt('next Tuesday', 'America/New_York', '2025-06-04T00:00:00Z')).toThrow(InvalidInput);
  });
});

describe('reminders: every two days at 09:00 client time, never on the client weekend', () => {
  it.each([
    {
      case: 'client in New York: the Sunday reminder moves to Monday',
      zone: 'America/New_York',
      linksAt: '2025-06-04T13:00:00Z',
      reminders: ['2025-06-06T13:00:00Z', '2025-06-09T13:00:00Z', '2025-06-11T13:00:00Z'],
      escalation: '2025-06-13T13:00:00Z',
    },
    {
      case: 'client in Manila: Saturday there moves to Monday there (Sunday evening in Chicago)',
      zone: 'Asia/Manila',
      linksAt: '2025-06-05T01:00:00Z',
      reminders: ['2025-06-09T01:00:00Z', '2025-06-11T01:00:00Z', '2025-06-13T01:00:00Z'],
      escalation: '2025-06-16T01:00:00Z',
    },
    {
      case: 'links sent late in the evening: reminders still at 09:00',
      zone: 'America/Los_Angeles',
      linksAt: '2025-06-03T05:30:00Z',
      reminders: ['2025-06-04T16:00:00Z', '2025-06-06T16:00:00Z', '2025-06-09T16:00:00Z'],
      escalation: '2025-06-11T16:00:00Z',
    },
  ])('$case', ({ zone, linksAt, reminders, escalation }) => {
    // Act & Assess
    expect(reminderTimes(linksAt, zone, config)).toEqual(reminders);
    expect(escalationAt(linksAt, zone, config)).toBe(escalation);
  });

  it('follows the configured count and cadence', () => {
    // Act
    const reminders = reminderTimes('2025-06-02T13:00:00Z', 'America/New_York', { reminderEveryDays: 1, reminderCount: 5, holidays: noHolidays });

    // Assess: Tue, Wed, Thu, Fri, then Saturday → Monday.
    expect(reminders).toEqual([
      '2025-06-03T13:00:00Z',
      '2025-06-04T13:00:00Z',
      '2025-06-05T13:00:00Z',
      '2025-06-06T13:00:00Z',
      '2025-06-09T13:00:00Z',
    ]);
  });
});

describe('agency holidays: no session or exam on one, no start or reminder either', () => {
  const none = { ...config, holidays: noHolidays };

  it.each([
    {
      case: 'Thanksgiving (Thu 26 Nov 2026): the week of 23 November moves to 30 November',
      selectedAt: '2026-11-18T16:00:00Z',
      week: '2026-11-30',
      skipped: [{ week: '2026-11-23', holiday: 'Thanksgiving Day', day: '2026-11-26' }],
      unmoved: '2026-11-23',
    },
    {
      case: "Christmas (Fri 25 Dec 2026), then New Year's Day (Fri 1 Jan 2027): the week of 21 December moves to 4 January",
      selectedAt: '2026-12-16T16:00:00Z',
      week: '2027-01-04',
      skipped: [
        { week: '2026-12-21', holiday: 'Christmas Day', day: '2026-12-25' },
        { week: '2026-12-28', holiday: "New Year's Day", day: '2027-01-01' },
      ],
      unmoved: '2026-12-21',
    },
    {
      case: 'a holiday on the Monday itself (Labor Day, 7 Sep 2026)',
      selectedAt: '2026-09-02T16:00:00Z',
      week: '2026-09-14',
      skipped: [{ week: '2026-09-07', holiday: 'Labor Day', day: '2026-09-07' }],
      unmoved: '2026-09-07',
    },
  ])('$case', ({ selectedAt, week, skipped, unmoved }) => {
    // Act
    const timeline = planTimeline({ selectedAt, interviewAt: selectedAt, clientTimezone: 'America/New_York' }, config, selectedAt);
    const withoutHolidays = planTimeline({ selectedAt, interviewAt: selectedAt, clientTimezone: 'America/New_York' }, none, selectedAt);

    // Assess
    expect(timeline.certificationWeek).toBe(week);
    expect(timeline.weeksSkippedForHolidays).toEqual(skipped);
    expect(timeline.rescheduledFrom).toBeUndefined();
    expect(timeline.sessionsAt[0]?.startsWith(week)).toBe(true);
    expect(withoutHolidays.certificationWeek).toBe(unmoved);
    expect(withoutHolidays.weeksSkippedForHolidays).toBeUndefined();
  });

  it('runs the whole moved week on its own dates: Christmas 2026 lands on 4–8 January 2027', () => {
    // Act
    const timeline = planTimeline({ selectedAt: '2026-12-16T16:00:00Z', interviewAt: '2026-12-15T16:00:00Z', clientTimezone: 'America/New_York' }, config, '2026-12-16T16:00:00Z');

    // Assess: Chicago on CST (UTC−6); the VE starts Monday 11 January, 09:00 EST.
    expect(timeline).toMatchObject({
      certificationWeek: '2027-01-04',
      sessionsAt: ['2027-01-04T15:00:00Z', '2027-01-05T15:00:00Z', '2027-01-06T15:00:00Z', '2027-01-07T15:00:00Z'],
      examAt: '2027-01-08T19:00:00Z',
      startDate: '2027-01-11',
      startsAt: '2027-01-11T14:00:00Z',
    });
  });

  it('moves a week missed for late paperwork past the holiday week that follows, and says both', () => {
    // Prepare: selected Wed 4 Nov 2026; the week of 9 November holds Veterans Day (Wed 11 Nov), so the plan is 16 November.
    const selectedAt = '2026-11-04T16:00:00Z';

    // Act: the contract is signed on Tuesday 17 November, after that week's cutoff.
    const week = certificationWeekFor(selectedAt, { contractSignedAt: '2026-11-17T15:00:00Z', reserveFundedAt: '2026-11-05T15:00:00Z' }, config);
    const planned = certificationWeekFor(selectedAt, {}, config);

    // Assess: the Monday after is 23 November, Thanksgiving week, so 30 November.
    expect(planned).toEqual({ certificationWeek: '2026-11-16', weeksSkippedForHolidays: [{ week: '2026-11-09', holiday: 'Veterans Day', day: '2026-11-11' }] });
    expect(week).toEqual({
      certificationWeek: '2026-11-30',
      rescheduledFrom: '2026-11-16',
      weeksSkippedForHolidays: [{ week: '2026-11-23', holiday: 'Thanksgiving Day', day: '2026-11-26' }],
    });
  });

  it('keeps the closure dates the agency configures as holidays too', () => {
    // Prepare
    const closed = { ...config, holidays: agencyHolidays('none', new Map([['2026-03-13', 'Agency retreat']])) };

    // Act
    const week = certificationWeekFor('2026-03-04T16:00:00Z', {}, closed);

    // Assess
    expect(week).toEqual({ certificationWeek: '2026-03-16', weeksSkippedForHolidays: [{ week: '2026-03-09', holiday: 'Agency retreat', day: '2026-03-13' }] });
  });

  it.each([
    { case: 'Martin Luther King Jr. Day (Mon 18 Jan 2027)', week: '2027-01-11', holiday: 'Martin Luther King Jr. Day', monday: '2027-01-18', startDate: '2027-01-19', startsAt: '2027-01-19T14:00:00Z' },
    { case: 'Memorial Day (Mon 25 May 2026)', week: '2026-05-18', holiday: 'Memorial Day', monday: '2026-05-25', startDate: '2026-05-26', startsAt: '2026-05-26T13:00:00Z' },
  ])('starts the VE on Tuesday after a holiday Monday, 09:00 client time: $case', ({ week, holiday, monday, startDate, startsAt }) => {
    // Act
    const schedule = weekSchedule(week, 'America/New_York', config);
    const withoutHolidays = weekSchedule(week, 'America/New_York', none);

    // Assess
    expect(schedule.startDate).toBe(startDate);
    expect(schedule.startsAt).toBe(startsAt);
    expect(schedule.startMovedForHoliday).toEqual({ from: monday, holiday });
    expect(withoutHolidays.startDate).toBe(monday);
    expect(withoutHolidays.startMovedForHoliday).toBeUndefined();
  });

  it('takes the start day from the client calendar: a Manila client whose exam is already Saturday still starts after the holiday Monday', () => {
    // Act: the exam is Friday 15 January 2027 13:00 CST, Saturday 03:00 in Manila.
    const schedule = weekSchedule('2027-01-11', 'Asia/Manila', config);

    // Assess
    expect(schedule.startDate).toBe('2027-01-19');
    expect(schedule.startsAt).toBe('2027-01-19T01:00:00Z');
  });

  it('moves a reminder that falls on a holiday to the next working day, as it does a weekend', () => {
    // Prepare: links Tuesday 24 November 2026, 09:00 EST.
    const linksAt = '2026-11-24T14:00:00Z';

    // Act
    const reminders = reminderTimes(linksAt, 'America/New_York', config);
    const withoutHolidays = reminderTimes(linksAt, 'America/New_York', none);

    // Assess: Thanksgiving Thursday → Friday; then Sunday → Monday.
    expect(reminders).toEqual(['2026-11-27T14:00:00Z', '2026-11-30T14:00:00Z', '2026-12-02T14:00:00Z']);
    expect(escalationAt(linksAt, 'America/New_York', config)).toBe('2026-12-04T14:00:00Z');
    expect(withoutHolidays[0]).toBe('2026-11-26T14:00:00Z');
  });
});
