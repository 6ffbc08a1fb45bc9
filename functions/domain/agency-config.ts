import * as z from 'zod/mini';
import { agencyHolidays, closureDatesSchema, holidayRegionSchema, type AgencyHolidays } from './agency-holidays';
import { ianaTimezoneSchema } from './schemas';

/** A wall-clock time of day, HH:mm (24 h). */
const timeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day as HH:mm, e.g. 13:00' }));

const wholeNumber = (min: number, max: number) => z.coerce.number().check(z.int(), z.gte(min), z.lte(max));

/** Env variable → what it configures. Required ones are set on every Lambda by the stack; the rest have defaults. */
const agencyConfigEnvSchema = z
  .object({
    AGENCY_TIMEZONE: z._default(ianaTimezoneSchema, 'America/Chicago'),
    SENDER_ADDRESS: z.email(),
    CUSTOMER_SERVICE_EMAIL: z.email(),
    MENTOR_TEAM_EMAIL: z.email(),
    PROCTORS_EMAIL: z.email(),
    PUBLIC_BASE_URL: z.url(),
    /** Start of each Monday–Thursday session, agency time. */
    SESSION_TIME: z._default(timeOfDay, '09:00'),
    /** Friday exam, agency time. */
    EXAM_TIME: z._default(timeOfDay, '13:00'),
    /** By when on the Friday the proctor should have recorded the score, agency time. */
    RESULTS_DUE_TIME: z._default(timeOfDay, '17:00'),
    PASS_MARK: z._default(wholeNumber(0, 100), 80),
    /** Days between reminders of the onboarding links. */
    REMINDER_EVERY_DAYS: z._default(wholeNumber(1, 14), 2),
    /** Reminders before the case goes to Customer Service. */
    REMINDER_COUNT: z._default(wholeNumber(0, 10), 3),
    /** The billing reserve, in the currency's minor unit (cents): 150000 is 1,500.00. */
    RESERVE_AMOUNT: z._default(wholeNumber(1, 100_000_000), 150_000),
    RESERVE_CURRENCY: z._default(z.string().check(z.regex(/^[a-z]{3}$/, { message: 'must be an ISO 4217 code in lower case, e.g. usd' })), 'usd'),
    /** Whose public holidays the agency keeps: a country with an optional region (US, US-TX), or none. */
    AGENCY_HOLIDAYS: z._default(holidayRegionSchema, 'US'),
    /** The agency as clients see it on every letter, PDF and page. */
    AGENCY_NAME: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)), 'Virtual Employee Staffing'),
    AGENCY_SHORT_NAME: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(40)), 'VE Staffing'),
    /** A logo to show instead of the bundled one: an https URL of an SVG or PNG. */
    AGENCY_LOGO_URL: z.optional(z.url({ protocol: /^https$/, message: 'must be an https URL of an SVG or PNG' })),
    /** The agency's phone in international form (+1 312 555 0100); letters and pages format it for the reader. */
    AGENCY_PHONE: z._default(z.string().check(z.trim(), z.regex(/^\+[0-9][0-9 ().-]{6,30}$/, { message: 'must be a phone number in international form, e.g. +1 312 555 0100' })), '+1 312 555 0100'),
    AGENCY_WEBSITE: z._default(z.url(), 'https://agency.example.com'),
    AGENCY_POSTAL_ADDRESS: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(300)), '100 N Riverside Plaza, Chicago, IL 60606, USA'),
    AGENCY_BRAND_COLOUR: z._default(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour as #rrggbb, e.g. #1f5f8b' })), '#1f5f8b'),
    /** Further days the agency is closed: YYYY-MM-DD[=name], comma-separated. */
    AGENCY_CLOSURES: z._default(closureDatesSchema, new Map()),
  })
  .check(
    z.refine((env) => env.RESULTS_DUE_TIME > env.EXAM_TIME, {
      message: 'must be later than EXAM_TIME',
      path: ['RESULTS_DUE_TIME'],
    }),
  );

/** Who the agency is, as every letter, PDF and page shows it. */
export interface AgencyBranding {
  name: string;
  shortName: string;
  /** An https URL of the agency's logo; undefined: the bundled one. */
  logoUrl?: string;
  /** International form, as configured; formatted for the reader where shown. */
  phone: string;
  website: string;
  postalAddress: string;
  /** #rrggbb */
  brandColour: string;
}

export interface AgencyConfig {
  agencyTimezone: string;
  senderAddress: string;
  customerServiceEmail: string;
  mentorTeamEmail: string;
  proctorsEmail: string;
  publicBaseUrl: string;
  sessionTime: string;
  examTime: string;
  resultsDueTime: string;
  passMark: number;
  reminderEveryDays: number;
  reminderCount: number;
  reserveAmountMinor: number;
  reserveCurrency: string;
  /** The days the agency is closed: no session, exam, start, reminder or check-in on one. */
  holidays: AgencyHolidays;
  branding: AgencyBranding;
}

/** Thrown at load when the environment does not describe a usable agency; names every bad field. */
export class InvalidAgencyConfig extends Error {
  constructor(readonly fields: { field: string; problem: string }[]) {
    super(`Invalid agency configuration: ${fields.map(({ field, problem }) => `${field}: ${problem}`).join('; ')}`);
    this.name = 'InvalidAgencyConfig';
  }
}

/** Reads and validates the agency configuration once, at module load of each handler. Empty strings count as unset. */
export function loadAgencyConfig(env: Record<string, string | undefined>): AgencyConfig {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = agencyConfigEnvSchema.safeParse(given);
  if (!parsed.success) {
    throw new InvalidAgencyConfig(
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message })),
    );
  }
  const values = parsed.data;
  return {
    agencyTimezone: values.AGENCY_TIMEZONE,
    senderAddress: values.SENDER_ADDRESS,
    customerServiceEmail: values.CUSTOMER_SERVICE_EMAIL,
    mentorTeamEmail: values.MENTOR_TEAM_EMAIL,
    proctorsEmail: values.PROCTORS_EMAIL,
    publicBaseUrl: values.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    sessionTime: values.SESSION_TIME,
    examTime: values.EXAM_TIME,
    resultsDueTime: values.RESULTS_DUE_TIME,
    passMark: values.PASS_MARK,
    reminderEveryDays: values.REMINDER_EVERY_DAYS,
    reminderCount: values.REMINDER_COUNT,
    reserveAmountMinor: values.RESERVE_AMOUNT,
    reserveCurrency: values.RESERVE_CURRENCY,
    holidays: agencyHolidays(values.AGENCY_HOLIDAYS, values.AGENCY_CLOSURES),
    branding: {
      name: values.AGENCY_NAME,
      shortName: values.AGENCY_SHORT_NAME,
      ...(values.AGENCY_LOGO_URL === undefined ? {} : { logoUrl: values.AGENCY_LOGO_URL }),
      phone: values.AGENCY_PHONE,
      website: values.AGENCY_WEBSITE.replace(/\/+$/, ''),
      postalAddress: values.AGENCY_POSTAL_ADDRESS,
      brandColour: values.AGENCY_BRAND_COLOUR.toLowerCase(),
    },
  };
}
