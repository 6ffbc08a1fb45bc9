import Holidays from 'date-holidays';
import { z } from 'zod';

/**
 * The days the agency is closed: the public holidays of its country (and region), from the maintained
 * `date-holidays` rules, plus closure dates it configures. Asked by calendar day (YYYY-MM-DD).
 */
export interface AgencyHolidays {
  /** The holiday's name when the agency is closed on `day`, otherwise undefined. */
  holidayOn(day: string): string | undefined;
}

/** No holidays at all: every weekday is a working day. */
export const noHolidays: AgencyHolidays = { holidayOn: () => undefined };

/** `US`, `US-TX` (country and region, as `date-holidays` names them), or `none`. */
export const holidayRegionSchema = z
  .string()
  .trim()
  .refine((value) => value.toLowerCase() === 'none' || regionOf(value) !== undefined, {
    message: 'must be a country code with an optional region that date-holidays knows (e.g. US, US-TX, GB-SCT) or none',
  });

/** Closure dates: comma-separated YYYY-MM-DD, each optionally followed by `=name` (e.g. `2026-12-24=Christmas Eve`). */
export const closureDatesSchema = z
  .string()
  .transform((value, context) => {
    const closures = new Map<string, string>();
    for (const part of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
      const [day = '', name] = part.split('=').map((item) => item.trim());
      if (!z.iso.date().safeParse(day).success) {
        context.addIssue({ code: 'custom', message: `${day || part} is not a calendar day (YYYY-MM-DD)` });
        return z.NEVER;
      }
      closures.set(day, name === undefined || name === '' ? 'Agency closed' : name);
    }
    return closures;
  });

function regionOf(value: string): { country: string; state?: string } | undefined {
  const [country = '', state] = value.toUpperCase().split('-');
  const holidays = new Holidays();
  const countries = holidays.getCountries() as Record<string, string> | undefined;
  if (countries?.[country] === undefined) return undefined;
  if (state === undefined) return { country };
  const states = holidays.getStates(country) as Record<string, string> | undefined;
  return states?.[state] === undefined ? undefined : { country, state };
}

/** The agency's holidays: public holidays of `region` (none for `none`) and the closure dates. */
export function agencyHolidays(region: string, closures: ReadonlyMap<string, string> = new Map()): AgencyHolidays {
  const where = region.toLowerCase() === 'none' ? undefined : regionOf(region);
  const rules = where === undefined ? undefined : new Holidays(where.country, where.state ?? '', { types: ['public'] });
  const byYear = new Map<number, Map<string, string>>();
  const publicHolidays = (year: number): Map<string, string> => {
    let days = byYear.get(year);
    if (days === undefined) {
      days = new Map();
      for (const holiday of rules?.getHolidays(year) ?? []) {
        const day = holiday.date.slice(0, 10);
        if (!days.has(day)) days.set(day, holiday.name);
      }
      byYear.set(year, days);
    }
    return days;
  };
  return {
    holidayOn: (day) => closures.get(day) ?? publicHolidays(Number(day.slice(0, 4))).get(day),
  };
}
