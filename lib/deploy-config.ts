import { z } from 'zod';
import { closureDatesSchema, holidayRegionSchema } from '../functions/domain/agency-holidays';

/** What a deployment needs to know, read from CDK context (cdk.json or `-c key=value`) and validated before synth. */
export const deployConfigSchema = z.object({
  agencyTimezone: z.string().min(1),
  senderAddress: z.email(),
  /** The SES identity (domain or address) the functions may send as. */
  sesIdentity: z.string().min(3),
  customerServiceEmail: z.email(),
  mentorTeamEmail: z.email(),
  proctorsEmail: z.email(),
  publicBaseUrl: z.url(),
  /** DocuSign eSignature REST base: https://demo.docusign.net (developer) or your account's base URI. */
  docusignBaseUrl: z.url(),
  /** Billing provider API base (Stripe format). */
  billingBaseUrl: z.url(),
  /**
   * Optional agency rules; unset ones keep the defaults of functions/domain/agency-config.ts, which
   * validates them again in every function at load.
   */
  sessionTime: z.string().optional(),
  examTime: z.string().optional(),
  resultsDueTime: z.string().optional(),
  passMark: z.coerce.number().int().min(0).max(100).optional(),
  reminderEveryDays: z.coerce.number().int().min(1).max(14).optional(),
  reminderCount: z.coerce.number().int().min(0).max(10).optional(),
  reserveAmount: z.coerce.number().int().positive().optional(),
  reserveCurrency: z.string().optional(),
  /** Whose public holidays the agency keeps: `US` (the functions' default), `US-TX`, … or `none`. */
  agencyHolidays: z.optional(holidayRegionSchema),
  /** The agency's own closure dates, `YYYY-MM-DD[=name]` comma-separated; checked here so a typo stops synth. */
  agencyClosures: z
    .string()
    .superRefine((value, context) => {
      const parsed = closureDatesSchema.safeParse(value);
      for (const issue of parsed.error?.issues ?? []) context.addIssue({ code: 'custom', message: issue.message });
    })
    .optional(),
  /**
   * The agency as clients see it on letters, the certificate and pages; unset ones keep the functions'
   * defaults. The shapes are checked here too, so a typo stops synth rather than every function's start.
   */
  agencyName: z.string().trim().min(1).max(120).optional(),
  agencyShortName: z.string().trim().min(1).max(40).optional(),
  /** An https URL of an SVG or PNG; unset: the bundled logo at /assets/logo.svg. */
  agencyLogoUrl: z.url({ protocol: /^https$/ }).optional(),
  /** International form, e.g. +1 312 555 0100. */
  agencyPhone: z.string().regex(/^\+[0-9][0-9 ().-]{6,30}$/, { message: 'must be a phone number in international form, e.g. +1 312 555 0100' }).optional(),
  agencyWebsite: z.url().optional(),
  agencyPostalAddress: z.string().trim().min(1).max(300).optional(),
  agencyBrandColour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour as #rrggbb' }).optional(),
  /** Who is paged by the alarms; optional so a first synth works before on-call is set up. */
  alarmEmail: z.email().optional(),
});

export type DeployConfig = z.infer<typeof deployConfigSchema>;

export function readDeployConfig(tryGetContext: (key: string) => unknown): DeployConfig {
  const raw = Object.fromEntries(Object.keys(deployConfigSchema.shape).map((key) => [key, tryGetContext(key)]));
  const parsed = deployConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid deployment context (cdk.json or -c): ${fields}`);
  }
  return parsed.data;
}

/** The optional agency rules and branding as the functions' environment variables (only those given). */
export function agencyRuleEnvironment(config: DeployConfig): Record<string, string> {
  const rules = {
    SESSION_TIME: config.sessionTime,
    EXAM_TIME: config.examTime,
    RESULTS_DUE_TIME: config.resultsDueTime,
    PASS_MARK: config.passMark,
    REMINDER_EVERY_DAYS: config.reminderEveryDays,
    REMINDER_COUNT: config.reminderCount,
    RESERVE_AMOUNT: config.reserveAmount,
    RESERVE_CURRENCY: config.reserveCurrency,
    AGENCY_HOLIDAYS: config.agencyHolidays,
    AGENCY_CLOSURES: config.agencyClosures,
    AGENCY_NAME: config.agencyName,
    AGENCY_SHORT_NAME: config.agencyShortName,
    AGENCY_LOGO_URL: config.agencyLogoUrl,
    AGENCY_PHONE: config.agencyPhone,
    AGENCY_WEBSITE: config.agencyWebsite,
    AGENCY_POSTAL_ADDRESS: config.agencyPostalAddress,
    AGENCY_BRAND_COLOUR: config.agencyBrandColour,
  };
  return Object.fromEntries(Object.entries(rules).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
}
