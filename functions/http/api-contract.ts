import * as z from 'zod/mini';
import { routes, type RouteSpec } from '../../lib/manifest';
import {
  calendarDaySchema,
  cancelRequestSchema,
  correctPlacementRequestSchema,
  createPlacementRequestSchema,
  examResultRequestSchema,
  historyEntrySchema,
  historyPageQuerySchema,
  listPlacementsQuerySchema,
  placementSchema,
  reserveSchema,
  reviewAnswerSchema,
  revokeCertificateRequestSchema,
  setPhaseRequestSchema,
  timelineSchema,
} from '../domain/schemas';
import { acknowledgeCaseRequestSchema, closeCaseRequestSchema, listCasesQuerySchema, mentorCaseSchema } from '../domain/mentor-cases';
import { consoleSessionRoutes, staffTokenRoutes } from './staff-credentials-contract';

/**
 * The HTTP API's request and response shapes, per route. Handlers parse with these and the OpenAPI
 * document is generated from them, so the document cannot describe an API that does not exist.
 */

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.unknown()),
    }),
  })
  .register(z.globalRegistry, { id: 'Error' });

/** What staff see of a placement: everything but the workflow's internal task token. */
export const placementViewSchema = z
  .extend(z.omit(placementSchema, { version: true, lifecycle: true, effects: true, clientLinkKey: true }), {
    reserve: z.optional(z.omit(reserveSchema, { paymentUrl: true, paymentUrlExpiresAt: true })),
    /** The first page of the history, oldest first; `historyNextToken` continues it at `/placements/{id}/history`. */
    history: z.optional(z.array(z.omit(historyEntrySchema, { placementId: true }))),
    historyNextToken: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Placement' });

export const historyPageSchema = z
  .object({ items: z.array(z.omit(historyEntrySchema, { placementId: true })), nextToken: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'HistoryPage' });
export type PlacementView = z.infer<typeof placementViewSchema>;

/**
 * A recorded exam result: the placement, whose `certificate` after a pass is `ISSUING` until the
 * lifecycle has drawn and sent it (seconds; then GET /placements/{id} shows it), or the certificate itself.
 */
export const examResultViewSchema = z
  .extend(placementViewSchema, {
    certificate: z.optional(
      z.union([
        z.object({ status: z.literal('ISSUING') }),
        z.object({
          status: z.enum(['ISSUED', 'REVOKED']),
          id: z.string(),
          issuedAt: z.string(),
          revokedAt: z.optional(z.string()),
          verificationUrl: z.string(),
        }),
      ]),
    ),
  })
  .register(z.globalRegistry, { id: 'ExamResultRecorded' });
export type ExamResultView = z.infer<typeof examResultViewSchema>;

/** The plan of a selection not recorded yet: what POST /placements would give it at the same moment. */
export const selectionPlanSchema = z.object({ timeline: timelineSchema }).register(z.globalRegistry, { id: 'SelectionPlan' });
export type SelectionPlan = z.infer<typeof selectionPlanSchema>;

export const placementListSchema = z
  .object({ items: z.array(placementViewSchema), nextToken: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'PlacementList' });

/** The public answer about a certificate: only what proves it genuine, nothing private. */
export const certificateVerificationSchema = z
  .object({
    certificateId: z.string(),
    veName: z.string(),
    /** The company the VE was certified for, as the certificate names it. */
    clientCompany: z.string(),
    issuedOn: calendarDaySchema,
    status: z.enum(['VALID', 'REVOKED']),
    /** Only for a revoked certificate: the agency's calendar day it was revoked. */
    revokedOn: z.optional(calendarDaySchema),
  })
  .register(z.globalRegistry, { id: 'CertificateVerification' });

export const webhookAcknowledgementSchema = z
  .object({ received: z.literal(true), outcome: z.string() })
  .register(z.globalRegistry, { id: 'WebhookAcknowledgement' });

export const placementIdParametersSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

/** A mentor case as staff see it: everything but its lock version and the form submission that opened it. */
export const mentorCaseViewSchema = z.omit(mentorCaseSchema, { version: true, submissionId: true }).register(z.globalRegistry, { id: 'MentorCase' });
export const mentorCaseListSchema = z
  .object({ items: z.array(mentorCaseViewSchema), nextToken: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'MentorCaseList' });
export const caseIdParametersSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) });

export const clientLinkParametersSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  document: z.enum(['contract', 'reserve', 'talk-to-us']),
});
export const talkToUsRequestSchema = z
  .object({
    message: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
    /** Set by the page's form: the same submission sent again (a browser retry) opens no second case. */
    submission: z.optional(z.string().check(z.regex(/^[0-9A-Za-z_-]{10,64}$/))),
  })
  .register(z.globalRegistry, { id: 'TalkToUs' });

/** `key` proves the link came from the client's email; `done` marks the provider sending the client back. */
export const clientLinkQuerySchema = z.object({
  key: z.optional(z.string().check(z.minLength(16), z.maxLength(200))),
  done: z.optional(z.literal('1')),
  event: z.optional(z.string().check(z.maxLength(100))),
});

const linkKeySchema = z.string().check(z.minLength(16), z.maxLength(200));

/** A check-in's one-click answer: the check-in's number in the path, the answer and the link key in the query. */
export const checkInLinkParametersSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  number: z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)),
});
export const checkInAnswerQuerySchema = z.object({ key: linkKeySchema, answer: reviewAnswerSchema });
/** The comment page's form (or JSON): the answer again, and what the client wants to add. */
export const checkInCommentSchema = z
  .object({ answer: reviewAnswerSchema, message: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))) })
  .register(z.globalRegistry, { id: 'CheckInReview' });
export const reviewRecordedSchema = z
  .object({ checkIn: z.number().check(z.int()), answer: reviewAnswerSchema, caseId: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'ReviewRecorded' });

export const phaseLinkParametersSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)), phase: z.enum(['II', 'III']) });
export const phaseAcceptedSchema = z.object({ phase: z.enum(['I', 'II', 'III']) }).register(z.globalRegistry, { id: 'PhaseAccepted' });

// The staff tokens' and the console session's shapes live in staff-credentials-contract.ts: their
// functions load that alone, without the placement schemas this module builds.
export {
  consoleRequestHeadersSchema,
  consoleSessionSchema,
  issuedStaffTokenSchema,
  issueStaffTokenRequestSchema,
  signInRequestSchema,
  staffTokenIdParametersSchema,
  staffTokenListSchema,
  staffTokenViewSchema,
} from './staff-credentials-contract';

/** Schemas in zod/mini (classic zod would do too): the OpenAPI document reads both alike. */
export interface RouteContract {
  summary: string;
  pathParameters?: z.core.$ZodObject;
  query?: z.core.$ZodType;
  body?: z.core.$ZodType;
  headers?: z.core.$ZodObject;
  responses: Partial<Record<200 | 201 | 202, z.core.$ZodType>>;
  /**
   * For a person's browser: a short HTML page (200, in the agency's layout), or a 302 to where it leads.
   * Its errors are pages too, when the browser asks for HTML.
   */
  browser?: { redirect?: string; page: string; status?: 200 | 201 };
  /** A file rather than JSON or a page (the logo): its media type and what it is. */
  file?: { mediaType: 'image/svg+xml'; description: string };
  /** Statuses of the error shape this route can answer. */
  errors: number[];
}

type RouteKey = `${RouteSpec['method']} ${RouteSpec['path']}`;

const staffErrors = [400, 401, 403];

/** A staff action on one placement: its id in the path, the placement in the answer; no such placement (404), or not now (409). */
function placementAction<const Status extends 200 | 202, Body extends z.ZodMiniType | undefined = undefined>(summary: string, status: Status, body?: Body) {
  return {
    summary,
    pathParameters: placementIdParametersSchema,
    body: body as Body,
    responses: { [status]: placementViewSchema } as Record<Status, typeof placementViewSchema>,
    errors: [...staffErrors, 404, 409],
  };
}

export const apiContract = {
  'POST /placements': {
    summary: 'Record a selection and start its certification phase',
    body: createPlacementRequestSchema,
    headers: z.object({ 'idempotency-key': z.optional(z.string().check(z.minLength(1), z.maxLength(200))) }),
    responses: { 201: placementViewSchema },
    errors: [...staffErrors, 409],
  },
  'POST /placements/plan': {
    summary: 'The timeline a selection would get if recorded now (same body as POST /placements), in UTC instants; saves nothing and starts nothing',
    body: createPlacementRequestSchema,
    responses: { 200: selectionPlanSchema },
    errors: staffErrors,
  },
  'GET /placements': {
    summary: 'List placements by status or by certification week (oldest first); with neither, the placements in flight (not finished), newest first',
    query: listPlacementsQuerySchema,
    responses: { 200: placementListSchema },
    errors: staffErrors,
  },
  'GET /placements/{id}': {
    summary: 'One placement with its timeline, contract, reserve, exam, certificate and history',
    pathParameters: placementIdParametersSchema,
    responses: { 200: placementViewSchema },
    errors: [...staffErrors, 404],
  },
  'PATCH /placements/{id}': placementAction(
    "Correct the client's or the VE's details before the certificate is issued; a new contract goes out if the client's name or email changed",
    200,
    correctPlacementRequestSchema,
  ),
  'GET /placements/{id}/history': {
    summary: "A placement's history, oldest first, a page at a time",
    pathParameters: placementIdParametersSchema,
    query: historyPageQuerySchema,
    responses: { 200: historyPageSchema },
    errors: [...staffErrors, 404],
  },
  'POST /placements/{id}/exam-result': {
    ...placementAction("Record the proctor's exam score (status must be EXAM); a pass answers with the certificate, or says it is being issued", 200, examResultRequestSchema),
    responses: { 200: examResultViewSchema },
  },
  'POST /placements/{id}/resend-links': placementAction('Send the contract and billing-reserve links to the client again', 202),
  'POST /placements/{id}/cancel': placementAction('Cancel the placement with a reason and stop its lifecycle', 200, cancelRequestSchema),
  'POST /placements/{id}/resume': placementAction(
    'After a person fixed what stopped it: clear the attention flag and resume the lifecycle where the placement stands',
    202,
  ),
  'POST /placements/{id}/revoke-certificate': placementAction(
    'Revoke the certificate with a reason: its public verification then says REVOKED',
    200,
    revokeCertificateRequestSchema,
  ),
  'POST /placements/{id}/phase': placementAction(
    'Move the relationship to a phase of delegation (I, II or III), with a note for the history; the placement must be ACTIVE',
    200,
    setPhaseRequestSchema,
  ),
  'GET /links/{id}/check-ins/{number}': {
    summary: "A one-click answer in a check-in letter: records how it is going (a low answer opens a mentor case) and offers a comment box",
    pathParameters: checkInLinkParametersSchema,
    query: checkInAnswerQuerySchema,
    responses: { 200: reviewRecordedSchema },
    browser: { page: 'Thank you, naming the VE and the answer given, with a box for an optional comment' },
    errors: [400, 404, 409],
  },
  'POST /links/{id}/check-ins/{number}': {
    summary: "The check-in's comment page: the answer with an optional comment (JSON, or the page's form)",
    pathParameters: checkInLinkParametersSchema,
    query: z.object({ key: linkKeySchema }),
    body: checkInCommentSchema,
    responses: { 200: reviewRecordedSchema },
    browser: { page: 'The page thanking the client for the comment, naming the VE' },
    errors: [400, 404, 409],
  },
  'GET /links/{id}/phase/{phase}': {
    summary: 'The next phase a check-in letter offered: a page with a button to accept it',
    pathParameters: phaseLinkParametersSchema,
    query: z.object({ key: linkKeySchema }),
    responses: { 200: phaseAcceptedSchema },
    browser: { page: 'What the phase means with the VE named, and a button to move to it (or a note that it is no longer on offer)' },
    errors: [400, 404, 409],
  },
  'POST /links/{id}/phase/{phase}': {
    summary: 'The client accepts the offered phase (the button on the page, or JSON)',
    pathParameters: phaseLinkParametersSchema,
    query: z.object({ key: linkKeySchema }),
    responses: { 200: phaseAcceptedSchema },
    browser: { page: 'The page welcoming the client and the VE to the phase (409: the offer has changed)' },
    errors: [400, 404, 409],
  },
  'GET /links/{id}/{document}': {
    summary: "A link in the client's email: opens a fresh DocuSign signing session or billing checkout",
    pathParameters: clientLinkParametersSchema,
    query: clientLinkQuerySchema,
    responses: {},
    browser: {
      redirect: "To DocuSign's signing page or the billing checkout, opened for this visit",
      page: 'The "Talk to us" form, or a short note: already signed, already funded, or thank you (after the provider sends the client back). A cancelled or closed placement: 410',
    },
    // 404 (a page for a browser): the key is wrong, cut short or missing; 410: the placement was cancelled or is closed.
    errors: [400, 404, 410, 429],
  },
  'POST /links/{id}/talk-to-us': {
    summary: '"Talk to us": the client opens a case for the mentor team (JSON, or the form of the link\'s page)',
    pathParameters: placementIdParametersSchema,
    query: z.object({ key: z.string().check(z.minLength(16), z.maxLength(200)) }),
    body: talkToUsRequestSchema,
    responses: { 201: z.object({ caseId: z.string() }).register(z.globalRegistry, { id: 'OpenedCase' }) },
    browser: { page: "The page's form sent: a thank-you page (429: when the client can write again)", status: 201 },
    // 429: the client's day holds five cases already; details.tryAgainAt says when they can write again.
    errors: [400, 404, 409, 429],
  },
  'GET /cases': {
    summary: 'Mentor cases in a status (open, acknowledged, closed), newest first, a page at a time',
    query: listCasesQuerySchema,
    responses: { 200: mentorCaseListSchema },
    errors: staffErrors,
  },
  'POST /cases/{id}/acknowledge': {
    summary: 'Take a mentor case: assigned to the caller or to assignTo, with an optional note; again, it only reassigns or adds a note',
    pathParameters: caseIdParametersSchema,
    body: acknowledgeCaseRequestSchema,
    responses: { 200: mentorCaseViewSchema },
    // 409: the case is closed, another mentor took it first, or it was acknowledged by someone else (name assignTo to take it over).
    errors: [...staffErrors, 404, 409],
  },
  'POST /cases/{id}/close': {
    summary: 'Close a mentor case, with an optional note and an optional note to the client (emailed to them once)',
    pathParameters: caseIdParametersSchema,
    body: closeCaseRequestSchema,
    responses: { 200: mentorCaseViewSchema },
    errors: [...staffErrors, 404, 409],
  },
  ...staffTokenRoutes,
  'GET /certificates/{id}': {
    summary: 'Public: is this certificate genuine?',
    pathParameters: z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) }),
    responses: { 200: certificateVerificationSchema },
    // A page unless the caller asks for application/json: people open it from the QR code or the printed link.
    browser: { page: 'The verification page: VE name, client company, issue date and VALID, or REVOKED with the date; a 404 page says we issued no certificate with this id' },
    errors: [400, 404],
  },
  'GET /openapi.json': {
    summary: 'This document',
    responses: { 200: z.record(z.string(), z.unknown()) },
    errors: [],
  },
  'GET /docs': {
    summary: 'This document for a person: read it and try the routes (Authorize with a staff token) in the bundled Swagger UI',
    responses: {},
    browser: { page: 'The viewer, reading /openapi.json; its script and style sheet come from /docs/assets' },
    errors: [],
  },
  'GET /docs/assets/{file}': {
    summary: "The viewer's script or style sheet; names change with the content, so they may be cached for good",
    pathParameters: z.object({ file: z.string().check(z.minLength(1), z.maxLength(100)) }),
    responses: {},
    browser: { page: 'The file (text/javascript or text/css), gzipped when the client accepts it' },
    errors: [400, 404],
  },
  'GET /assets/logo.svg': {
    summary: "The agency's bundled logo (its pages show AGENCY_LOGO_URL instead when set); cacheable for a day",
    responses: {},
    file: { mediaType: 'image/svg+xml', description: "The logo: a check mark in the brand colour and the agency's short name" },
    errors: [],
  },
  'GET /console': {
    summary: 'The staff console: a page that signs in with a staff token (then a session cookie) and drives this API',
    responses: {},
    browser: { redirect: 'Never', page: "The console's page; its script and style sheet come from /console/assets" },
    errors: [],
  },
  'GET /console/assets/{file}': {
    summary: "The console's bundled script or style sheet; names change with the content, so they may be cached for good",
    pathParameters: z.object({ file: z.string().check(z.minLength(1), z.maxLength(100)) }),
    responses: {},
    browser: { redirect: 'Never', page: 'The file (text/javascript or text/css)' },
    errors: [400, 404],
  },
  ...consoleSessionRoutes,
  'POST /webhooks/docusign': {
    summary: 'DocuSign Connect (JSON SIM) events, HMAC-signed in X-DocuSign-Signature-N',
    body: z.record(z.string(), z.unknown()),
    responses: { 200: webhookAcknowledgementSchema },
    errors: [400, 401],
  },
  'POST /webhooks/billing': {
    summary: 'Billing events (Stripe format), signed in Stripe-Signature',
    body: z.record(z.string(), z.unknown()),
    responses: { 200: webhookAcknowledgementSchema },
    errors: [400, 401],
  },
} as const satisfies Record<RouteKey, RouteContract>;

/** Every manifest route has a contract (a test holds this), so routeKey lookups cannot miss. */
export function contractOf(route: Pick<RouteSpec, 'method' | 'path'>): RouteContract {
  return apiContract[`${route.method} ${route.path}` as keyof typeof apiContract];
}

export const routeKeys = routes.map((route) => `${route.method} ${route.path}` as const);
