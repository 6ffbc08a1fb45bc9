import { describe, expect, it } from 'vitest';
import { agencyHolidays, holidayRegionSchema, publicHolidayTable } from '../../../functions/domain/agency-holidays';

// A deployed bundle answers from a table computed at synth; a local run from date-holidays itself.
// Both must name the same days.

describe('agency holidays', () => {
  it('answers the same from the bundled table as from the library, every day of the years it covers', () => {
    const table = publicHolidayTable('US-TX', 2026, 2028);
    const bundled = agencyHolidays('US-TX', new Map(), table);
    const library = agencyHolidays('US-TX', new Map(), undefined);

    const days: string[] = [];
    for (let time = Date.parse('2026-01-01'); time <= Date.parse('2028-12-31'); time += 86_400_000) days.push(new Date(time).toISOString().slice(0, 10));
    const differing = days.filter((day) => bundled.holidayOn(day) !== library.holidayOn(day));

    expect(differing).toEqual([]);
    expect(days.filter((day) => bundled.holidayOn(day) !== undefined).length).toBeGreaterThan(30);
    expect(bundled.holidayOn('2027-11-25')).toBe('Thanksgiving Day');
  });

  it('keeps closure dates before public holidays, and knows no holidays for none', () => {
    const holidays = agencyHolidays('US', new Map([['2026-12-24', 'Christmas Eve']]), publicHolidayTable('US', 2026, 2026));

    expect(holidays.holidayOn('2026-12-24')).toBe('Christmas Eve');
    expect(holidays.holidayOn('2026-12-25')).toBe('Christmas Day');
    expect(agencyHolidays('none').holidayOn('2026-12-25')).toBeUndefined();
  });

  it('refuses a region date-holidays does not know', () => {
    expect(holidayRegionSchema.safeParse('US-TX').success).toBe(true);
    expect(holidayRegionSchema.safeParse('none').success).toBe(true);
    expect(holidayRegionSchema.safeParse('Atlantis').success).toBe(false);
    expect(holidayRegionSchema.safeParse('US-XX').success).toBe(false);
  });
});
