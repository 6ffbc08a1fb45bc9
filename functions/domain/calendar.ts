import { DateTime } from 'luxon';
import type { AgencyConfig } from './agency-config';
import { InvalidInput } from './errors';
import type { Instant, Timeline } from './schemas';

/**
 * The business calendar: pure functions of instants, timezones and the agency configuration.
 * Every instant returned is ISO-8601 UTC (`…Z`); calendar days are YYYY-MM-DD in the zone their name says.
 * All zone arithmetic goes through luxon (IANA rules, DST included).
 */

export type CalendarConfig = Pick<
  AgencyConfig,
  'agencyTimezone' | 'sessionTime' | 'examTime' | 'resultsDueTime' | 'reminderEveryDays' | 'reminderCount' | 'holidays'
>;

/** Client-side appointments (onboarding email, first working day, reminders) happen at 09:00 client time. */
export const clientMorning = '09:00';

const MONDAY = 1;
const SATURDAY = 6;

function parseInstant(value: string, field: string): DateTime {
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) throw new InvalidInput(`${field} is not an ISO-8601 instant`, { field, value });
  return parsed;
}

// luxon answers null only for an invalid DateTime, which parseInstant and parseDay never let through.
function toInstant(moment: DateTime): Instant {
  const iso = moment.toUTC().toISO({ suppressMilliseconds: true });
  if (iso === null) throw new InvalidInput('not a valid moment', { reason: moment.invalidExplanation });
  return iso;
}

function toCalendarDay(moment: DateTime): string {
  const day = moment.toISODate();
  if (day === null) throw new InvalidInput('not a valid day', { reason: moment.invalidExplanation });
  return day;
}

/** The wall-clock time `HH:mm` on the given day in `zone` (a time skipped by DST moves forward, as clocks do). */
function atTime(day: DateTime, time: string, zone: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
}

/** The calendar day of `moment` in `zone`, as a date-only DateTime (midnight in that zone). */
function dayIn(moment: DateTime, zone: string): DateTime {
  return moment.setZone(zone).startOf('day');
}

/** The first Monday strictly after the given day. */
function mondayAfter(day: DateTime): DateTime {
  return day.plus({ days: 8 - day.weekday });
}

function parseDay(value: string, zone: string, field: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone });
  if (!parsed.isValid) throw new InvalidInput(`${field} is not a calendar day (YYYY-MM-DD)`, { field, value });
  return parsed.startOf('day');
}

/** The onboarding email: the day after the interview at 09:00 client time, or `now` if that has passed. */
export function onboardingLinksAt(interviewAt: Instant, clientTimezone: string, now: Instant): Instant {
  const dayAfterInterview = dayIn(parseInstant(interviewAt, 'interviewAt'), clientTimezone).plus({ days: 1 });
  const due = atTime(dayAfterInterview, clientMorning, clientTimezone);
  const current = parseInstant(now, 'now');
  return toInstant(due > current ? due : current);
}

/** The Monday (agency calendar day) following the agency-time day of `moment`. */
export function mondayFollowing(moment: Instant, config: Pick<CalendarConfig, 'agencyTimezone'>): string {
  return toCalendarDay(mondayAfter(dayIn(parseInstant(moment, 'moment'), config.agencyTimezone)));
}

/** When the certification week starting on `certificationWeek` begins: its first session, which is also the paperwork cutoff. */
export function weekStartsAt(certificationWeek: string, config: Pick<CalendarConfig, 'agencyTimezone' | 'sessionTime'>): Instant {
  const monday = parseDay(certificationWeek, config.agencyTimezone, 'certificationWeek');
  return toInstant(atTime(monday, config.sessionTime, config.agencyTimezone));
}

export interface PaperworkCompletion {
  contractSignedAt?: Instant;
  reserveFundedAt?: Instant;
}

/** When both the contract and the reserve were done, or undefined while either is outstanding. */
export function paperworkDoneAt(completion: PaperworkCompletion): Instant | undefined {
  const { contractSignedAt, reserveFundedAt } = completion;
  if (contractSignedAt === undefined || reserveFundedAt === undefined) return undefined;
  const contract = parseInstant(contractSignedAt, 'contractSignedAt');
  const reserve = parseInstant(reserveFundedAt, 'reserveFundedAt');
  return toInstant(contract > reserve ? contract : reserve);
}

/**
 * The paperwork cutoff: the planned week is lost once its first session (`weekStartsAt`) has come
 * with the paperwork not done. True when `moment` is at or after it.
 */
export function cutoffPassed(weekStartsAt: Instant, moment: Instant): boolean {
  return parseInstant(moment, 'moment') >= parseInstant(weekStartsAt, 'weekStartsAt');
}

export type HolidayWeek = NonNullable<Timeline['weeksSkippedForHolidays']>[number];

/** The first agency holiday in the Monday–Friday from `monday`, if any. */
function holidayInWeek(monday: DateTime, config: Pick<CalendarConfig, 'holidays'>): Omit<HolidayWeek, 'week'> | undefined {
  for (let offset = 0; offset < 5; offset += 1) {
    const day = toCalendarDay(monday.plus({ days: offset }));
    const holiday = config.holidays.holidayOn(day);
    if (holiday !== undefined) return { holiday, day };
  }
  return undefined;
}

// Public holidays never fill a year of weeks; only a mistyped closure list could, and it should fail loudly.
const MAX_DAYS_SEARCHED = 366;

/**
 * The first certification week from `monday` (agency calendar) whose Monday to Friday holds no agency
 * holiday, and the weeks passed over with the holiday that ruled each out.
 */
export function fullWeekFrom(
  monday: string,
  config: Pick<CalendarConfig, 'agencyTimezone' | 'holidays'>,
): { certificationWeek: string; weeksSkippedForHolidays: HolidayWeek[] } {
  const skipped: HolidayWeek[] = [];
  let candidate = parseDay(monday, config.agencyTimezone, 'certificationWeek');
  for (let week = 0; week * 7 < MAX_DAYS_SEARCHED; week += 1) {
    const holiday = holidayInWeek(candidate, config);
    if (holiday === undefined) return { certificationWeek: toCalendarDay(candidate), weeksSkippedForHolidays: skipped };
    skipped.push({ week: toCalendarDay(candidate), ...holiday });
    candidate = candidate.plus({ weeks: 1 });
  }
  throw new InvalidInput('the agency holidays leave no full working week within a year', { from: monday });
}

/** The working day (agency holidays and weekends skipped) on or after `day`, a calendar day in any zone. */
export function workingDayFrom(day: DateTime, config: Pick<CalendarConfig, 'holidays'>): DateTime {
  let candidate = day;
  for (let searched = 0; searched < MAX_DAYS_SEARCHED; searched += 1) {
    if (isWorkingDay(toCalendarDay(candidate), config)) return candidate;
    candidate = candidate.plus({ days: 1 });
  }
  throw new InvalidInput('the agency holidays leave no working day within a year', { from: toCalendarDay(day) });
}

export interface CertificationWeek {
  certificationWeek: string;
  rescheduledFrom?: string;
  weeksSkippedForHolidays?: HolidayWeek[];
}

/**
 * The certification week: the Monday following the selection (agency time). If the paperwork was done
 * but after that week's start (the cutoff), the Monday following the day it was done instead. Either
 * way, a week that holds an agency holiday gives way to the next full one.
 * While paperwork is outstanding the answer is the week as planned; the lifecycle checks the cutoff.
 */
export function certificationWeekFor(
  selectedAt: Instant,
  completion: PaperworkCompletion,
  config: Pick<CalendarConfig, 'agencyTimezone' | 'sessionTime' | 'holidays'>,
): CertificationWeek {
  const planned = fullWeekFrom(mondayFollowing(selectedAt, config), config);
  const doneAt = paperworkDoneAt(completion);
  const late = doneAt !== undefined && cutoffPassed(weekStartsAt(planned.certificationWeek, config), doneAt);
  const week = late ? fullWeekFrom(mondayFollowing(doneAt, config), config) : planned;
  return {
    certificationWeek: week.certificationWeek,
    ...(late ? { rescheduledFrom: planned.certificationWeek } : {}),
    ...(week.weeksSkippedForHolidays.length === 0 ? {} : { weeksSkippedForHolidays: week.weeksSkippedForHolidays }),
  };
}

export type WeekSchedule = Pick<
  Timeline,
  'certificationWeek' | 'weekStartsAt' | 'sessionsAt' | 'examAt' | 'resultsDueAt' | 'startDate' | 'startsAt' | 'startMovedForHoliday'
>;

/**
 * Sessions Monday–Thursday, the Friday exam and its results deadline (agency time), then the VE's first
 * day: the Monday after the exam (client calendar), or the next working day when that Monday is an agency holiday.
 */
export function weekSchedule(certificationWeek: string, clientTimezone: string, config: CalendarConfig): WeekSchedule {
  const zone = config.agencyTimezone;
  const monday = parseDay(certificationWeek, zone, 'certificationWeek');
  if (monday.weekday !== MONDAY) throw new InvalidInput('certificationWeek must be a Monday', { certificationWeek });
  const sessions = [0, 1, 2, 3].map((offset) => atTime(monday.plus({ days: offset }), config.sessionTime, zone));
  const friday = monday.plus({ days: 4 });
  const exam = atTime(friday, config.examTime, zone);
  const mondayAfterExam = mondayAfter(dayIn(exam, clientTimezone));
  const firstWorkingDay = workingDayFrom(mondayAfterExam, config);
  const holidayMonday = config.holidays.holidayOn(toCalendarDay(mondayAfterExam));
  return {
    certificationWeek,
    weekStartsAt: toInstant(sessions[0] ?? monday),
    sessionsAt: sessions.map(toInstant),
    examAt: toInstant(exam),
    resultsDueAt: toInstant(atTime(friday, config.resultsDueTime, zone)),
    startDate: toCalendarDay(firstWorkingDay),
    startsAt: toInstant(atTime(firstWorkingDay, clientMorning, clientTimezone)),
    ...(holidayMonday === undefined ? {} : { startMovedForHoliday: { from: toCalendarDay(mondayAfterExam), holiday: holidayMonday } }),
  };
}

/** The week's fields of a timeline: the schedule, and why the week is not the first one planned. */
function weekTimeline(week: CertificationWeek, clientTimezone: string, config: CalendarConfig) {
  return {
    ...weekSchedule(week.certificationWeek, clientTimezone, config),
    ...(week.rescheduledFrom === undefined ? {} : { rescheduledFrom: week.rescheduledFrom }),
    ...(week.weeksSkippedForHolidays === undefined ? {} : { weeksSkippedForHolidays: week.weeksSkippedForHolidays }),
  };
}

export interface TimelineInput extends PaperworkCompletion {
  selectedAt: Instant;
  interviewAt: Instant;
  clientTimezone: string;
}

/** The whole timeline of a placement as known at `now`. */
export function planTimeline(input: TimelineInput, config: CalendarConfig, now: Instant): Timeline {
  const week = certificationWeekFor(input.selectedAt, input, config);
  return {
    linksAt: onboardingLinksAt(input.interviewAt, input.clientTimezone, now),
    ...weekTimeline(week, input.clientTimezone, config),
  };
}

/** The timeline after the paperwork is complete: the same onboarding moment, the week moved if the cutoff was missed. */
export function replanAfterPaperwork(
  timeline: Timeline,
  input: Omit<TimelineInput, 'interviewAt'>,
  config: CalendarConfig,
): Timeline {
  const week = certificationWeekFor(input.selectedAt, input, config);
  return {
    linksAt: timeline.linksAt,
    ...weekTimeline(week, input.clientTimezone, config),
  };
}

/**
 * The reminder after `previous` (the onboarding email or the last reminder): `reminderEveryDays` later
 * by the client's calendar, at 09:00 client time, moved to the next working day when that is the
 * client's weekend or an agency holiday.
 */
export function nextReminderAt(
  previous: Instant,
  clientTimezone: string,
  config: Pick<CalendarConfig, 'reminderEveryDays' | 'holidays'>,
): Instant {
  const due = dayIn(parseInstant(previous, 'previous'), clientTimezone).plus({ days: config.reminderEveryDays });
  return toInstant(atTime(workingDayFrom(due, config), clientMorning, clientTimezone));
}

/** Every reminder of the onboarding links, in order; after the last one the case goes to Customer Service. */
export function reminderTimes(
  linksAt: Instant,
  clientTimezone: string,
  config: Pick<CalendarConfig, 'reminderEveryDays' | 'reminderCount' | 'holidays'>,
): Instant[] {
  const times: Instant[] = [];
  let previous = linksAt;
  for (let index = 0; index < config.reminderCount; index += 1) {
    previous = nextReminderAt(previous, clientTimezone, config);
    times.push(previous);
  }
  return times;
}

/** When an unanswered onboarding is escalated to Customer Service: one cadence step after the last reminder. */
export function escalationAt(
  linksAt: Instant,
  clientTimezone: string,
  config: Pick<CalendarConfig, 'reminderEveryDays' | 'reminderCount' | 'holidays'>,
): Instant {
  const reminders = reminderTimes(linksAt, clientTimezone, config);
  return nextReminderAt(reminders.at(-1) ?? linksAt, clientTimezone, config);
}

/** A day the agency works: Monday to Friday and not one of its holidays (a calendar day, YYYY-MM-DD). */
export function isWorkingDay(day: string, config: Pick<CalendarConfig, 'holidays'>): boolean {
  const parsed = DateTime.fromISO(day, { zone: 'utc' });
  if (!parsed.isValid) throw new InvalidInput('not a calendar day (YYYY-MM-DD)', { day });
  return parsed.weekday < SATURDAY && config.holidays.holidayOn(day) === undefined;
}

/**
 * `days` working days after `moment`, at the same agency wall-clock time: a case opened on a Friday
 * afternoon with two working days to go is due on Tuesday afternoon (Wednesday if Monday is a holiday).
 */
export function addWorkingDays(moment: Instant, days: number, config: Pick<CalendarConfig, 'agencyTimezone' | 'holidays'>): Instant {
  let current = parseInstant(moment, 'moment').setZone(config.agencyTimezone);
  for (let counted = 0; counted < days; ) {
    current = current.plus({ days: 1 });
    if (isWorkingDay(toCalendarDay(current), config)) counted += 1;
  }
  return toInstant(current);
}
