import * as z from 'zod/mini';
import { staffRoles } from './staff-roles';
// Issues in English, as classic zod gives them: every function that parses a placement loads this module.
import './zod-messages';

/** One zod schema per boundary object; the types the rest of the code uses are inferred from them. */

/** An instant at a boundary: ISO-8601 with an offset or `Z`. */
export const instantSchema = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof instantSchema>;

/** A calendar day (YYYY-MM-DD) in a timezone the field's name makes clear. */
export const calendarDaySchema = z.iso.date();

/** Zones found valid: every stored placement is parsed with its zone, and a formatter per parse is costly. */
const knownZones = new Set<string>();

/** Whether the runtime knows this IANA zone (the check luxon's IANAZone.isValidZone makes, without luxon at every cold start). */
export function isKnownTimezone(zone: string): boolean {
  if (zone === '') return false;
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format();
  } catch {
    return false; // not remembered: bad input must not grow the set without bound
  }
  knownZones.add(zone);
  return true;
}

export const ianaTimezoneSchema = z.string().check(z.refine(isKnownTimezone, { message: 'must be a valid IANA timezone, e.g. America/New_York' }));

export const placementStatuses = [
  'SELECTED',
  'AWAITING_ONBOARDING',
  'READY',
  'IN_CERTIFICATION',
  'EXAM',
  'CERTIFIED',
  'ACTIVE',
  'NOT_CERTIFIED',
  'CANCELLED',
] as const;
export const placementStatusSchema = z.enum(placementStatuses);
export type PlacementStatus = z.infer<typeof placementStatusSchema>;

export const staffRoleSchema = z.enum(staffRoles);

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

export const clientSchema = z.object({
  name,
  email: z.email(),
  company: name,
  timezone: ianaTimezoneSchema,
});
export type Client = z.infer<typeof clientSchema>;

export const candidateSchema = z.object({
  name,
  email: z.email(),
  phone: z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 ().-]{4,30}$/, { message: 'must be a phone number, e.g. +1 312 555 0100' })),
});
export type Candidate = z.infer<typeof candidateSchema>;

// Names come in every script, but some characters no name holds: a line break or other control
// character, a zero-width or text-direction control (which can make a name read as another), and a
// name without a single letter. ZWNJ and ZWJ stay: Persian and Indic names are spelt with them.
const controlCharacter = /\p{Cc}/u;
const formatCharacter = /(?![\u200C\u200D])\p{Cf}/u;
const letter = /\p{L}/u;

/** A person's or a company's name as the API accepts it; stored placements keep the plainer `name` rule. */
const givenName = name.check(
  z.superRefine((value, context) => {
    if (value.length === 0) return; // already refused as too short: one issue per field
    if (controlCharacter.test(value)) {
      context.addIssue({ code: 'custom', message: 'must not contain line breaks, tabs or other control characters' });
    } else if (formatCharacter.test(value)) {
      context.addIssue({ code: 'custom', message: 'must not contain invisible characters (zero-width spaces, text-direction controls)' });
    } else if (!letter.test(value)) {
      context.addIssue({ code: 'custom', message: 'must contain at least one letter' });
    }
  }),
);

/** Staff API `POST /placements`. */
export const createPlacementRequestSchema = z.object({
  client: z.extend(clientSchema, { name: givenName, company: givenName }),
  candidate: z.extend(candidateSchema, { name: givenName }),
  interviewAt: instantSchema,
  selectedAt: z.optional(instantSchema),
});
export type CreatePlacementRequest = z.infer<typeof createPlacementRequestSchema>;

/**
 * Staff API `PATCH /placements/{id}`: corrections to the client's or the VE's details, before the
 * certificate is issued. The timezone is not among them: it plans the whole week.
 */
export const correctPlacementRequestSchema = z
  .strictObject({
    client: z.optional(z.partial(z.strictObject({ name: givenName, email: z.email(), company: givenName }))),
    candidate: z.optional(z.partial(z.strictObject({ ...candidateSchema.shape, name: givenName }))),
    reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  })
  .check(
    z.refine((request) => Object.keys(request.client ?? {}).length + Object.keys(request.candidate ?? {}).length > 0, {
      message: 'give at least one detail to correct',
    }),
  );
export type CorrectPlacementRequest = z.infer<typeof correctPlacementRequestSchema>;

/** Staff API `POST /placements/{id}/revoke-certificate`. */
export const revokeCertificateRequestSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

/** Staff API `POST /placements/{id}/phase`. */
export const setPhaseRequestSchema = z.object({
  phase: z.enum(['I', 'II', 'III']),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
});
export type SetPhaseRequest = z.infer<typeof setPhaseRequestSchema>;

/** Staff API `GET /placements/{id}/history?nextToken=&limit=`. */
export const historyPageQuerySchema = z.object({
  nextToken: z.optional(z.string().check(z.minLength(1))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

/** Staff API `POST /placements/{id}/exam-result`. */
export const examResultRequestSchema = z.object({
  score: z.number().check(z.int(), z.gte(0), z.lte(100)),
  notes: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});
export type ExamResultRequest = z.infer<typeof examResultRequestSchema>;

/** Staff API `POST /placements/{id}/cancel`. */
export const cancelRequestSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});
export type CancelRequest = z.infer<typeof cancelRequestSchema>;

/** Staff API `GET /placements?status=&week=&nextToken=&limit=`: by status, by certification week, or (neither) those in flight, newest first. */
export const listPlacementsQuerySchema = z
  .object({
    status: z.optional(placementStatusSchema),
    week: z.optional(calendarDaySchema),
    nextToken: z.optional(z.string().check(z.minLength(1))),
    limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
  })
  .check(
    z.refine((query) => query.status === undefined || query.week === undefined, {
      message: 'give status or week, not both',
    }),
  );
export type ListPlacementsQuery = z.infer<typeof listPlacementsQuerySchema>;

// --- The placement record: what the table stores and the staff API returns. ---

export const timelineSchema = z.object({
  /** When the onboarding email (contract + reserve links) goes out. */
  linksAt: instantSchema,
  /** The Monday (agency calendar day) the certification week starts. */
  certificationWeek: calendarDaySchema,
  /** The week's first session: also the cutoff for contract and reserve. */
  weekStartsAt: instantSchema,
  /** Monday to Thursday session starts. */
  sessionsAt: z.array(instantSchema).check(z.length(4)),
  examAt: instantSchema,
  resultsDueAt: instantSchema,
  /** The VE's first working day (client calendar day) and its start time. */
  startDate: calendarDaySchema,
  startsAt: instantSchema,
  /** The certification week first planned, when paperwork came too late for it. */
  rescheduledFrom: z.optional(calendarDaySchema),
  /** The weeks passed over, in order, because an agency holiday fell in their Monday–Friday: the letters say why. */
  weeksSkippedForHolidays: z.optional(
    z.array(z.object({ week: calendarDaySchema, holiday: z.string().check(z.minLength(1)), day: calendarDaySchema })).check(z.minLength(1)),
  ),
  /** The Monday after the exam, when it was an agency holiday and the start moved to the next working day. */
  startMovedForHoliday: z.optional(z.object({ from: calendarDaySchema, holiday: z.string().check(z.minLength(1)) })),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const contractStatuses = ['SENT', 'SIGNED', 'DECLINED', 'VOIDED'] as const;
export const contractSchema = z.object({
  envelopeId: z.string().check(z.minLength(1)),
  status: z.enum(contractStatuses),
  sentAt: instantSchema,
  signedAt: z.optional(instantSchema),
  /** Staff corrected the signer's name or email after it was sent: a new envelope replaces this one. */
  signerCorrectedAt: z.optional(instantSchema),
  /** The envelope this one replaced, voided at DocuSign once `voidedAt` is set. */
  replaced: z.optional(z.object({ envelopeId: z.string().check(z.minLength(1)), voidedAt: z.optional(instantSchema) })),
  /** The last signing session opened from the client's link: reused while it is fresh (mail scanners open links too). */
  signingSession: z.optional(z.object({ url: z.url(), openedAt: instantSchema })),
});
export type Contract = z.infer<typeof contractSchema>;

export const reserveStatuses = ['AWAITING_PAYMENT', 'PAYMENT_FAILED', 'FUNDED'] as const;
export const reserveSchema = z.object({
  status: z.enum(reserveStatuses),
  checkoutSessionId: z.optional(z.string().check(z.minLength(1))),
  /** The provider's page where the client pays; the client's emails link to ours, which redirects here while it is open. */
  paymentUrl: z.optional(z.url()),
  paymentUrlExpiresAt: z.optional(instantSchema),
  fundedAt: z.optional(instantSchema),
  /** The earlier placement of the same client whose funded reserve this one reuses. */
  carriedOverFrom: z.optional(z.string().check(z.minLength(1))),
  /** The provider's payment of the reserve (Stripe: the payment intent), by which its refunds and disputes find it. */
  paymentIntentId: z.optional(z.string().check(z.minLength(1))),
  /** When the provider first reported money of the reserve given back or disputed: such a reserve carries over no more. */
  refundedAt: z.optional(instantSchema),
  disputedAt: z.optional(instantSchema),
});
export type Reserve = z.infer<typeof reserveSchema>;

export const examSchema = z.object({
  score: z.number().check(z.int(), z.gte(0), z.lte(100)),
  passMark: z.number().check(z.int(), z.gte(0), z.lte(100)),
  passed: z.boolean(),
  notes: z.optional(z.string()),
  recordedAt: instantSchema,
});
export type Exam = z.infer<typeof examSchema>;

export const certificateSchema = z.object({
  id: z.string().check(z.minLength(1)),
  issuedAt: instantSchema,
  /** A revoked certificate verifies as REVOKED, with the date, never as VALID. */
  revokedAt: z.optional(instantSchema),
  revocationReason: z.optional(z.string().check(z.minLength(1))),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const cancellationSchema = z.object({ reason: z.string().check(z.minLength(1)), cancelledAt: instantSchema });
export type Cancellation = z.infer<typeof cancellationSchema>;

/** Why a person needs to look at the placement, and since when; its status is unchanged. */
export const needsAttentionSchema = z.object({ reason: z.string().check(z.minLength(1)), since: instantSchema });
export type NeedsAttention = z.infer<typeof needsAttentionSchema>;

/** Where the placement's execution is waiting, so a webhook or staff call can resume it. */
export const lifecycleWaits = ['paperwork', 'examResult'] as const;
export type LifecycleWait = (typeof lifecycleWaits)[number];

export const lifecycleSchema = z.object({
  executionArn: z.optional(z.string().check(z.minLength(1))),
  waitingFor: z.optional(z.enum(lifecycleWaits)),
  taskToken: z.optional(z.string().check(z.minLength(1))),
});
export type Lifecycle = z.infer<typeof lifecycleSchema>;

// --- After the start: the relationship between client and VE. ---

/** The three phases of delegation: I clerical and reactive, II administrative, III personal executive assistant. */
export const relationshipPhases = ['I', 'II', 'III'] as const;
export const relationshipPhaseSchema = z.enum(relationshipPhases);
export type RelationshipPhase = z.infer<typeof relationshipPhaseSchema>;

/** The one-click answers to "How is it going?", best first. */
export const reviewAnswers = ['great', 'good', 'mixed', 'trouble'] as const;
export const reviewAnswerSchema = z.enum(reviewAnswers);
export type ReviewAnswer = z.infer<typeof reviewAnswerSchema>;

export const reviewSchema = z.object({
  /** The check-in it answers (1 is the first, a week after the start). */
  checkIn: z.number().check(z.int(), z.gte(1)),
  answer: reviewAnswerSchema,
  at: instantSchema,
  comment: z.optional(z.string().check(z.maxLength(2000))),
});
export type Review = z.infer<typeof reviewSchema>;

export const relationshipSchema = z.object({
  phase: relationshipPhaseSchema,
  /** When the current phase began, and who moved it there (a staff member's name, "the client", "the agency"). */
  since: instantSchema,
  movedBy: z.string().check(z.minLength(1)),
  /** Check-ins sent so far (their numbers are 1…sent), and the next one: the due index finds it by `dueAt`. */
  checkInsSent: z.number().check(z.int(), z.gte(0)),
  nextCheckIn: z.optional(z.object({ number: z.number().check(z.int(), z.gte(1)), weeksAfterStart: z.number().check(z.int(), z.gte(1)), dueAt: instantSchema })),
  /** The latest reviews, oldest first (bounded: the placement item must not grow without end). */
  reviews: z.array(reviewSchema).check(z.maxLength(12)),
  /** A move the reviews suggest, offered in the next check-in with a link to accept. */
  suggestedPhase: z.optional(z.object({ phase: relationshipPhaseSchema, at: instantSchema })),
  /** The first unanswered check-in of the silence a "client quiet" case was opened for (one case per silence). */
  quietCaseFrom: z.optional(z.number().check(z.int(), z.gte(1))),
});
export type Relationship = z.infer<typeof relationshipSchema>;

export const placementSchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** Optimistic-concurrency version: the repository saves only over the version it read. */
  version: z.number().check(z.int(), z.gte(1)),
  status: placementStatusSchema,
  client: clientSchema,
  candidate: candidateSchema,
  interviewAt: instantSchema,
  selectedAt: instantSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  timeline: timelineSchema,
  contract: z.optional(contractSchema),
  reserve: z.optional(reserveSchema),
  exam: z.optional(examSchema),
  certificate: z.optional(certificateSchema),
  cancellation: z.optional(cancellationSchema),
  needsAttention: z.optional(needsAttentionSchema),
  lifecycle: z.optional(lifecycleSchema),
  /** Once ACTIVE: the phase of delegation, the check-ins and the client's reviews. */
  relationship: z.optional(relationshipSchema),
  /** The secret in the client's links (contract, reserve): whoever holds the email can follow them, nobody else. */
  /** Placements recorded before link keys were derived (HMAC of the id) keep the key they were sent with. */
  clientLinkKey: z.optional(z.string().check(z.minLength(16))),
  /** Side effects carried out (emails, sessions), by key, with when: never repeated by a resumed lifecycle. */
  effects: z.optional(z.record(z.string(), instantSchema)),
});
export type Placement = z.infer<typeof placementSchema>;

// --- History: who or what changed the placement, and when. ---

export const providers = ['docusign', 'billing'] as const;
export type Provider = (typeof providers)[number];

export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), name: z.string().check(z.minLength(1)), role: z.optional(staffRoleSchema) }),
  /** A provider webhook: the event identity makes a replay recognisable. */
  z.object({
    kind: z.literal('provider'),
    provider: z.enum(providers),
    eventId: z.string().check(z.minLength(1)),
    eventType: z.string().check(z.minLength(1)),
  }),
  /** The system itself, e.g. the lifecycle step or a schedule. */
  z.object({ kind: z.literal('system'), component: z.string().check(z.minLength(1)) }),
]);
export type Actor = z.infer<typeof actorSchema>;

export const historyEvents = [
  'SELECTION_RECORDED',
  'STATUS_CHANGED',
  'CONTRACT_SENT',
  'RESERVE_REQUESTED',
  'RESERVE_CARRIED_OVER',
  'LINKS_SENT',
  'REMINDER_SENT',
  'CONTRACT_SIGNED',
  'CONTRACT_REFUSED',
  'RESERVE_FUNDED',
  'RESERVE_PAYMENT_FAILED',
  /** A signed, paid checkout that is not this placement's own (session, mode, amount or currency): recorded, refused. */
  'RESERVE_PAYMENT_REFUSED',
  'RESERVE_REFUNDED',
  'RESERVE_DISPUTED',
  'WEEK_RESCHEDULED',
  'EXAM_RECORDED',
  'CERTIFICATE_ISSUED',
  'CANCELLED',
  'FLAGGED_FOR_ATTENTION',
  'ATTENTION_CLEARED',
  'LIFECYCLE_WAITING',
  'LIFECYCLE_STARTED',
  'EMAIL_SENT',
  'SESSION_HELD',
  'CASE_OPENED',
  /** A mentor took the case (the case id only: what the client wrote stays on the case). */
  'CASE_ACKNOWLEDGED',
  'CASE_CLOSED',
  'DETAILS_CORRECTED',
  'CONTRACT_VOIDED',
  'CERTIFICATE_REVOKED',
  /** The client's contract link opened a DocuSign signing session (reused for a few minutes). */
  'SIGNING_SESSION_OPENED',
  /** The relationship moved to another phase of delegation (by staff, a mentor or the client). */
  'PHASE_CHANGED',
  /** The reviews suggest the next phase; the next check-in offers it. */
  'PHASE_SUGGESTED',
  'CHECK_IN_SENT',
  /** The client answered a check-in (the answer; a comment stays on the placement's reviews). */
  'REVIEW_RECORDED',
  /** Three check-ins in a row went unanswered: a "client quiet" case was opened. */
  'CLIENT_QUIET',
] as const;
export type HistoryEvent = (typeof historyEvents)[number];

export const historyEntrySchema = z.object({
  placementId: z.string().check(z.minLength(1)),
  at: instantSchema,
  what: z.enum(historyEvents),
  by: actorSchema,
  fromStatus: z.optional(placementStatusSchema),
  toStatus: z.optional(placementStatusSchema),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

// --- Staff tokens (issue 5): stored by hash, never in clear; their schema is in staff-tokens.ts (zod/mini). ---

export { staffTokenSchema, type StaffToken } from './staff-tokens';

// In issues.ts, so that validating a request does not build every schema here.
export { describeIssues } from './issues';
