/** Times as the console shows them: every instant in a named timezone, with Intl only (no timezone library in the bundle). */

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formats.set(key, format);
  }
  return format;
}

/** "Tue, Apr 2, 9:00 AM CDT" */
export function formatInstant(instant: string | undefined, timeZone: string): string {
  if (instant === undefined) return '—';
  return formatIn(timeZone, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(instant));
}

/** "Mon, Apr 8, 2030" for a calendar day (YYYY-MM-DD), whatever the reader's timezone. */
export function formatDay(day: string | undefined): string {
  if (day === undefined) return '—';
  return formatIn('UTC', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
}

function wallClock(epochMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatIn(timeZone, { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a timezone. */
export function calendarDayIn(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instant.getTime(), timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Monday of the week a calendar day is in, `weeksAhead` weeks on. */
export function mondayOf(day: string, weeksAhead = 0): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday + 7 * weeksAhead);
  return date.toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:mm`, as a datetime-local field gives it) names in a
 * timezone. Two passes find the offset in force then, DST changes included.
 */
export function instantOfWallTime(wallTime: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wallTime);
  if (match === null) throw new RangeError(`Not a date and time: ${wallTime}`);
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (epochMs: number) => {
    const wall = wallClock(epochMs, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - epochMs;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

/** Every IANA timezone the browser knows, for the picker. */
export function timezones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.length > 0 ? supported : ['America/Chicago', 'America/New_York', 'America/Los_Angeles', 'Europe/London', 'UTC'];
}
