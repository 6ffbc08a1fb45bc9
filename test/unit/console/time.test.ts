import { describe, expect, it } from 'vitest';
import { calendarDayIn, formatInstant, instantOfWallTime, mondayOf } from '../../../console/app/time';

// The console turns the interview time staff type (a wall-clock time in the client's timezone) into an
// instant, and finds "this week" on the agency's calendar, with Intl alone.

describe('instantOfWallTime', () => {
  it.each([
    ['2030-04-15T10:00', 'Europe/Madrid', '2030-04-15T08:00:00.000Z'], // summer time, UTC+2
    ['2030-01-15T10:00', 'Europe/Madrid', '2030-01-15T09:00:00.000Z'], // winter, UTC+1
    ['2030-03-10T01:30', 'America/New_York', '2030-03-10T06:30:00.000Z'], // just before the clocks go forward
    ['2030-03-10T03:30', 'America/New_York', '2030-03-10T07:30:00.000Z'], // just after
    ['2030-06-01T09:00', 'Asia/Kathmandu', '2030-06-01T03:15:00.000Z'], // a quarter-hour offset
  ])('reads %s in %s as %s', (wallTime, timeZone, instant) => {
    expect(instantOfWallTime(wallTime, timeZone).toISOString()).toBe(instant);
  });

  it('round-trips through the formatted time in that timezone', () => {
    const instant = instantOfWallTime('2030-11-03T12:15', 'America/Chicago');

    expect(formatInstant(instant.toISOString(), 'America/Chicago')).toBe('Sun, Nov 3, 2030, 12:15 PM CST');
  });

  it('refuses what is not a date and time', () => {
    expect(() => instantOfWallTime('next Tuesday', 'UTC')).toThrow(RangeError);
  });
});

describe('the agency week', () => {
  it("finds the agency's calendar day, which may differ from UTC's", () => {
    expect(calendarDayIn(new Date('2030-04-15T03:00:00Z'), 'America/Chicago')).toBe('2030-04-14');
  });

  it('finds the Monday of a day, and the Monday after', () => {
    expect(mondayOf('2030-04-14')).toBe('2030-04-08'); // a Sunday belongs to the week before
    expect(mondayOf('2030-04-15')).toBe('2030-04-15');
    expect(mondayOf('2030-04-17', 1)).toBe('2030-04-22');
  });
});
