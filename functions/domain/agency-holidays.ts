import type HolidayRules from 'date-holidays';
import { createRequire } from 'node:module';
import * as z from 'zod/mini';

/**
 * The days the agency is closed: the public holidays of its country (and region), from the maintained
 * `date-holidays` rules, plus closure dates it configures. Asked by calendar day (YYYY-MM-DD).
 *
 * date-holidays carries every country's rules and moment-timezone (1.5 MB minified), so it stays out of
 * the Lambda bundles: a deployed bundle carries the configured region's holidays as a table computed
 * at synth (`publicHolidayTable`, defined as `__AGENCY_PUBLIC_HOLIDAYS__` by lib/constructs/project-function.ts);
 * locally and in tests the library itself is loaded, on first use.
 */
export interface AgencyHolidays {
  /** The holiday's name when the agency is closed on `day`, otherwise undefined. */
  holidayOn(day: string): string | undefined;
}

/** No holidays at all: every weekday is a working day. */
export const noHolidays: AgencyHolidays = { holidayOn: () => undefined };

/** A region's public holidays for a span of years: what a deployed bundle carries instead of the library. */
export interface PublicHolidayTable {
  region: string;
  years: Record<string, [day: string, name: string][]>;
}

declare const __AGENCY_PUBLIC_HOLIDAYS__: string | undefined;

/** The table the bundle was built with, if it was (never locally). */
function compiledTable(): PublicHolidayTable | undefined {
  return typeof __AGENCY_PUBLIC_HOLIDAYS__ === 'undefined' ? undefined : (JSON.parse(__AGENCY_PUBLIC_HOLIDAYS__) as PublicHolidayTable);
}

// Loaded through require, not import: the bundler leaves it out, and only a run without a table loads it.
let library: typeof HolidayRules | undefined;
function holidayLibrary(): typeof HolidayRules {
  library ??= createRequire(import.meta.url)('date-holidays') as typeof HolidayRules;
  return library;
}

const isNone = (region: string) => region.trim().toLowerCase() === 'none';

function regionOf(value: string): { country: string; state?: string } | undefined {
  const [country = '', state] = value.trim().toUpperCase().split('-');
  const rules = new (holidayLibrary())();
  const countries = rules.getCountries() as Record<string, string> | undefined;
  if (countries?.[country] === undefined) return undefined;
  if (state === undefined) return { country };
  const states = rules.getStates(country) as Record<string, string> | undefined;
  return states?.[state] === undefined ? undefined : { country, state };
}

/** Whether `region` names holidays this run can know: the bundle's own region, or one date-holidays knows. */
function knownRegion(region: string, table = compiledTable()): boolean {
  if (isNone(region)) return true;
  if (table !== undefined) return table.region.toUpperCase() === region.trim().toUpperCase();
  return regionOf(region) !== undefined;
}

/** `US`, `US-TX` (country and region, as `date-holidays` names them), or `none`. */
export const holidayRegionSchema = z.string().check(
  z.trim(),
  z.refine((value) => knownRegion(value), {
    message: 'must be a country code with an optional region that date-holidays knows (e.g. US, US-TX, GB-SCT) or none',
  }),
);

/** Closure dates: comma-separated YYYY-MM-DD, each optionally followed by `=name` (e.g. `2026-12-24=Christmas Eve`). */
export const closureDatesSchema = z.pipe(
  z.string(),
  z.transform((value, payload) => {
    const closures = new Map<string, string>();
    for (const part of value.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
      const [day = '', name] = part.split('=').map((item) => item.trim());
      if (!z.iso.date().safeParse(day).success) {
        // What classic zod's `context.addIssue` does: zod/mini's transform gets the parse's payload itself.
        payload.issues.push({ code: 'custom', message: `${day || part} is not a calendar day (YYYY-MM-DD)`, input: value });
        return z.NEVER;
      }
      closures.set(day, name === undefined || name === '' ? 'Agency closed' : name);
    }
    return closures;
  }),
);

/** The public holidays of `region` (date-holidays' `public` type, substitute days included) in one year, by the library. */
function libraryYear(region: string, year: number): [string, string][] {
  const where = regionOf(region);
  if (where === undefined) return [];
  const rules = new (holidayLibrary())(where.country, where.state ?? '', { types: ['public'] });
  const days = new Map<string, string>();
  for (const holiday of rules.getHolidays(year)) {
    const day = holiday.date.slice(0, 10);
    if (!days.has(day)) days.set(day, holiday.name);
  }
  return [...days];
}

/** The table for a bundle: `region`'s public holidays from `fromYear` to `toYear`, by the library (at synth). */
export function publicHolidayTable(region: string, fromYear: number, toYear: number): PublicHolidayTable {
  const years: PublicHolidayTable['years'] = {};
  if (!isNone(region)) for (let year = fromYear; year <= toYear; year += 1) years[String(year)] = libraryYear(region, year);
  return { region: region.trim(), years };
}

/** The agency's holidays: public holidays of `region` (none for `none`) and the closure dates. */
export function agencyHolidays(region: string, closures: ReadonlyMap<string, string> = new Map(), table = compiledTable()): AgencyHolidays {
  const byYear = new Map<number, Map<string, string>>();
  const publicHolidays = (year: number): Map<string, string> => {
    let days = byYear.get(year);
    if (days === undefined) {
      if (isNone(region)) days = new Map();
      else if (table === undefined) days = new Map(libraryYear(region, year));
      else {
        const listed = table.years[String(year)];
        // A bundle knows the years it was built for (fifteen ahead): a deployment keeps working, on weekends only, past them.
        days = new Map(listed ?? []);
      }
      byYear.set(year, days);
    }
    return days;
  };
  return {
    holidayOn: (day) => closures.get(day) ?? publicHolidays(Number(day.slice(0, 4))).get(day),
  };
}
