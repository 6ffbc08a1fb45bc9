import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { agencyHolidays, noHolidays } from '../../../functions/domain/agency-holidays';
import {
  certificationWeekFor,
  isWorkingDay,
  onboardingLinksAt,
  planTimeline,
  reminderTimes,
  type CalendarConfig,
} from '../../../functions/domain/calendar';

const MONDAY = 1;
const FRIDAY = 5;

const clientZones = Intl.supportedValuesOf('timeZone');
const agencyZones = ['America/Chicago', 'America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Manila', 'Pacific/Auckland'];

const instant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const timeOfDay = fc
  .tuple(fc.integer({ min: 6, max: 20 }), fc.constantFrom(0, 15, 30, 45))
  .map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);

const calendarConfig: fc.Arbitrary<CalendarConfig> = fc.record({
  agencyTimezone: fc.constantFrom(...agencyZones),
  sessionTime: timeOfDay,
  examTime: fc.constantFrom('12:00', '13:00', '14:30'),
  resultsDueTime: fc.constant('18:00'),
  reminderEveryDays: fc.integer({ min: 1, max: 7 }),
  reminderCount: fc.integer({ min: 0, max: 6 }),
  holidays: fc.constant(noHolidays),
});

/** A selection and the agency's closure dates around it: random days in the ten weeks after it, when they can matter. */
const selectionWithClosures = instant.chain((selectedAt) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 70 }), { maxLength: 20 })
    .map((offsets) => ({
      selectedAt,
      closures: new Map(offsets.map((offset) => [DateTime.fromISO(selectedAt, { zone: 'utc' }).plus({ days: offset }).toISODate() ?? '', `Closure ${offset}`])),
    })),
);

function inZone(value: string, zone: string): DateTime {
  return DateTime.fromISO(value).setZone(zone);
}

type PlannedTimeline = ReturnType<typeof planTimeline>;

/** Checks a property of the timeline planned for any selection (interviewed that same moment), client zone and calendar. */
function forEveryPlannedTimeline(check: (timeline: PlannedTimeline, given: { selectedAt: string; clientZone: string; config: CalendarConfig }) => void): void {
  fc.assert(
    fc.property(instant, fc.constantFrom(...clientZones), calendarConfig, (selectedAt, clientZone, config) => {
      // Act
      const timeline = planTimeline({ selectedAt, interviewAt: selectedAt, clientTimezone: clientZone }, config, selectedAt);

      // Assess
      check(timeline, { selectedAt, clientZone, config });
    }),
  );
}

describe('calendar properties', () => {
  it('starts the week on a Monday in agency time, strictly after the selection', () => {
    forEveryPlannedTimeline((timeline, { selectedAt, config }) => {
      const start = inZone(timeline.weekStartsAt, config.agencyTimezone);
      expect(start.weekday).toBe(MONDAY);
      expect(start.toISODate()).toBe(timeline.certificationWeek);
      expect(Date.parse(timeline.weekStartsAt)).toBeGreaterThan(Date.parse(selectedAt));
      // …and no more than a week after it.
      expect(Date.parse(timeline.weekStartsAt) - Date.parse(selectedAt)).toBeLessThanOrEqual(8 * 24 * 3600 * 1000);
    });
  });

  it('holds the exam on the Friday of the week, after the four sessions, at the exam time', () => {
    forEveryPlannedTimeline((timeline, { config }) => {
      const exam = inZone(timeline.examAt, config.agencyTimezone);
      expect(exam.weekday).toBe(FRIDAY);
      expect(exam.toFormat('HH:mm')).toBe(config.examTime);
      expect(exam.startOf('day').diff(inZone(timeline.weekStartsAt, config.agencyTimezone).startOf('day'), 'days').days).toBe(4);
      const sessionDays = timeline.sessionsAt.map((session) => inZone(session, config.agencyTimezone).weekday);
      expect(sessionDays).toEqual([1, 2, 3, 4]);
      expect(Date.parse(timeline.resultsDueAt)).toBeGreaterThan(Date.parse(timeline.examAt));
    });
  });

  it('starts the VE after the exam, on a Monday at 09:00 client time', () => {
    forEveryPlannedTimeline((timeline, { clientZone }) => {
      const start = inZone(timeline.startsAt, clientZone);
      expect(Date.parse(timeline.startsAt)).toBeGreaterThan(Date.parse(timeline.examAt));
      expect(start.weekday).toBe(MONDAY);
      expect(start.toISODate()).toBe(timeline.startDate);
      expect(start.toFormat('HH:mm')).toBe('09:00');
    });
  });

  it('never sends the onboarding email before now, nor before the day after the interview (client time)', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...clientZones), (interviewAt, now, clientZone) => {
        // Act
        const linksAt = onboardingLinksAt(interviewAt, clientZone, now);

        // Assess
        expect(Date.parse(linksAt)).toBeGreaterThanOrEqual(Date.parse(now));
        const interviewDay = inZone(interviewAt, clientZone).toISODate() ?? '';
        expect((inZone(linksAt, clientZone).toISODate() ?? '') > interviewDay).toBe(true);
      }),
    );
  });

  it('never reminds on the client weekend, and reminds in order, after the email, on the configured count', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...clientZones), calendarConfig, (linksAt, clientZone, config) => {
        // Act
        const reminders = reminderTimes(linksAt, clientZone, config);

        // Assess
        expect(reminders).toHaveLength(config.reminderCount);
        let previous = Date.parse(linksAt);
        for (const reminder of reminders) {
          expect(inZone(reminder, clientZone).weekday).toBeLessThanOrEqual(FRIDAY);
          expect(Date.parse(reminder)).toBeGreaterThan(previous);
          previous = Date.parse(reminder);
        }
      }),
    );
  });

  it('moves a late week to a Monday after the paperwork, and keeps it when the paperwork beat the cutoff', () => {
    const paperworkDelay = fc.integer({ min: 0, max: 30 * 24 * 60 }).map((minutes) => minutes * 60_000);
    fc.assert(
      fc.property(instant, paperworkDelay, paperworkDelay, calendarConfig, (selectedAt, contractDelay, reserveDelay, config) => {
        // Prepare
        const contractSignedAt = new Date(Date.parse(selectedAt) + contractDelay).toISOString();
        const reserveFundedAt = new Date(Date.parse(selectedAt) + reserveDelay).toISOString();
        const doneAt = Math.max(Date.parse(contractSignedAt), Date.parse(reserveFundedAt));

        // Act
        const planned = planTimeline({ selectedAt, interviewAt: selectedAt, clientTimezone: 'UTC' }, config, selectedAt);
        const week = certificationWeekFor(selectedAt, { contractSignedAt, reserveFundedAt }, config);
        const actual = planTimeline(
          { selectedAt, interviewAt: selectedAt, clientTimezone: 'UTC', contractSignedAt, reserveFundedAt },
          config,
          selectedAt,
        );

        // Assess
        expect(actual.certificationWeek).toBe(week.certificationWeek);
        expect(Date.parse(actual.weekStartsAt)).toBeGreaterThan(doneAt);
        expect(inZone(actual.weekStartsAt, config.agencyTimezone).weekday).toBe(MONDAY);
        if (doneAt < Date.parse(planned.weekStartsAt)) {
          expect(week.rescheduledFrom).toBeUndefined();
          expect(actual.certificationWeek).toBe(planned.certificationWeek);
        } else {
          expect(week.rescheduledFrom).toBe(planned.certificationWeek);
          expect(actual.certificationWeek > planned.certificationWeek).toBe(true);
        }
      }),
    );
  });

  it('puts no session, exam, start day or reminder on an agency holiday or a weekend, whatever the closures', () => {
    fc.assert(
      fc.property(
        selectionWithClosures,
        fc.constantFrom(...clientZones),
        calendarConfig,
        fc.constantFrom('none', 'US'),
        fc.integer({ min: 0, max: 30 * 24 * 60 }).map((minutes) => minutes * 60_000),
        ({ selectedAt, closures }, clientZone, base, region, paperworkDelay) => {
          // Prepare
          const config = { ...base, holidays: agencyHolidays(region, closures) };
          const doneAt = new Date(Date.parse(selectedAt) + paperworkDelay).toISOString();

          // Act
          const timeline = planTimeline(
            { selectedAt, interviewAt: selectedAt, clientTimezone: clientZone, contractSignedAt: doneAt, reserveFundedAt: doneAt },
            config,
            selectedAt,
          );
          const reminders = reminderTimes(timeline.linksAt, clientZone, config);

          // Assess: the whole Monday–Friday is free of holidays, not only the days with sessions.
          const monday = DateTime.fromISO(timeline.certificationWeek, { zone: config.agencyTimezone });
          expect(monday.weekday).toBe(MONDAY);
          for (let offset = 0; offset < 5; offset += 1) expect(isWorkingDay(monday.plus({ days: offset }).toISODate() ?? '', config)).toBe(true);
          for (const moment of [...timeline.sessionsAt, timeline.examAt]) {
            expect(isWorkingDay(inZone(moment, config.agencyTimezone).toISODate() ?? '', config)).toBe(true);
          }
          expect(isWorkingDay(timeline.startDate, config)).toBe(true);
          expect(inZone(timeline.startsAt, clientZone).toISODate()).toBe(timeline.startDate);
          expect(Date.parse(timeline.startsAt)).toBeGreaterThan(Date.parse(timeline.examAt));
          expect(Date.parse(timeline.weekStartsAt)).toBeGreaterThan(Date.parse(doneAt));
          for (const reminder of reminders) expect(isWorkingDay(inZone(reminder, clientZone).toISODate() ?? '', config)).toBe(true);
          // Every week passed over names a holiday that is in it.
          for (const { week, holiday, day } of timeline.weeksSkippedForHolidays ?? []) {
            expect(config.holidays.holidayOn(day)).toBe(holiday);
            expect(DateTime.fromISO(day).diff(DateTime.fromISO(week), 'days').days).toBeLessThan(5);
          }
        },
      ),
    );
  });
});
