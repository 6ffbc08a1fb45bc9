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

/**
 * The certification week: the Monday following the selection (agency time). If the paperwork was done
 * but after that week's start (the cutoff), the Monday following the day it was done instead.
 * While paperwork is outstanding the answer is the week as planned; the lifecycle checks the cutoff.
 */
export function certificationWeekFor(
  selectedAt: Instant,
  completion: PaperworkCompletion,
  config: Pick<CalendarConfig, 'agencyTimezone' | 'sessionTime'>,
): { certificationWeek: string; rescheduledFrom?: string } {
  const planned = mondayFollowing(selectedAt, config);
  const doneAt = paperworkDoneAt(completion);
  if (doneAt === undefined) return { certificationWeek: planned };
  if (!cutoffPassed(weekStartsAt(planned, config), doneAt)) return { certificationWeek: planned };
  return { certificationWeek: mondayFollowing(doneAt, config), rescheduledFrom: planned };
}

export type WeekSchedule = Pick<
  Timeline,
  'certificationWeek' | 'weekStartsAt' | 'sessionsAt' | 'examAt' | 'resultsDueAt' | 'startDate' | 'startsAt'
>;

/** Sessions Monday–Thursday, the Friday exam and its results deadline (agency time), then the VE's first Monday (client time). */
export function weekSchedule(certificationWeek: string, clientTimezone: string, config: CalendarConfig): WeekSchedule {
  const zone = config.agencyTimezone;
  const monday = parseDay(certificationWeek, zone, 'certificationWeek');
  if (monday.weekday !== MONDAY) throw new InvalidInput('certificationWeek must be a Monday', { certificationWeek });
  const sessions = [0, 1, 2, 3].map((offset) => atTime(monday.plus({ days: offset }), config.sessionTime, zone));
  const friday = monday.plus({ days: 4 });
  const exam = atTime(friday, config.examTime, zone);
  const firstWorkingDay = mondayAfter(dayIn(exam, clientTimezone));
  return {
    certificationWeek,
    weekStartsAt: toInstant(sessions[0] ?? monday),
    sessionsAt: sessions.map(toInstant),
    examAt: toInstant(exam),
    resultsDueAt: toInstant(atTime(friday, config.resultsDueTime, zone)),
    startDate: toCalendarDay(firstWorkingDay),
    startsAt: toInstant(atTime(firstWorkingDay, clientMorning, clientTimezone)),
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
    ...weekSchedule(week.certificationWeek, input.clientTimezone, config),
    ...(week.rescheduledFrom === undefined ? {} : { rescheduledFrom: week.rescheduledFrom }),
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
    ...weekSchedule(week.certificationWeek, input.clientTimezone, config),
    ...(week.rescheduledFrom === undefined ? {} : { rescheduledFrom: week.rescheduledFrom }),
  };
}

/**
 * The reminder after `previous` (the onboarding email or the last reminder): `reminderEveryDays` later
 * by the client's calendar, at 09:00 client time, moved to Monday when that is the client's weekend.
 */
export function nextReminderAt(
  previous: Instant,
  clientTimezone: string,
  config: Pick<CalendarConfig, 'reminderEveryDays'>,
): Instant {
  let day = dayIn(parseInstant(previous, 'previous'), clientTimezone).plus({ days: config.reminderEveryDays });
  if (day.weekday >= SATURDAY) day = mondayAfter(day);
  return toInstant(atTime(day, clientMorning, clientTimezone));
}

/** Every reminder of the onboarding links, in order; after the last one the case goes to Customer Service. */
export function reminderTimes(
  linksAt: Instant,
  clientTimezone: string,
  config: Pick<CalendarConfig, 'reminderEveryDays' | 'reminderCount'>,
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
  config: Pick<CalendarConfig, 'reminderEveryDays' | 'reminderCount'>,
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
