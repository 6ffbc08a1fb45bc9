import { z } from 'zod';
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
} from '../domain/schemas';
import { acknowledgeCaseRequestSchema, closeCaseRequestSchema, listCasesQuerySchema, mentorCaseSchema } from '../domain/mentor-cases';

/**
 * The HTTP API's request and response shapes, per route. Handlers parse with these and the OpenAPI
 * document is generated from them, so the document cannot describe an API that does not exist.
 */

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** What staff see of a placement: everything but the workflow's internal task token. */
export const placementViewSchema = placementSchema
  .omit({ version: true, lifecycle: true, effects: true, clientLinkKey: true })
  .extend({
    reserve: reserveSchema.omit({ paymentUrl: true, paymentUrlExpiresAt: true }).optional(),
    /** The first page of the history, oldest first; `historyNextToken` continues it at `/placements/{id}/history`. */
    history: z.array(historyEntrySchema.omit({ placementId: true })).optional(),
    historyNextToken: z.string().optional(),
  })
  .meta({ id: 'Placement' });

export const historyPageSchema = z
  .object({ items: z.array(historyEntrySchema.omit({ placementId: true })), nextToken: z.string().optional() })
  .meta({ id: 'HistoryPage' });
export type PlacementView = z.infer<typeof placementViewSchema>;

export const placementListSchema = z
  .object({ items: z.array(placementViewSchema), nextToken: z.string().optional() })
  .meta({ id: 'PlacementList' });

/** The public answer about a certificate: only what proves it genuine, nothing private. */
export const certificateVerificationSchema = z
  .object({
    certificateId: z.string(),
    veName: z.string(),
    issuedOn: calendarDaySchema,
    status: z.enum(['VALID', 'REVOKED']),
    /** Only for a revoked certificate: the agency's calendar day it was revoked. */
    revokedOn: calendarDaySchema.optional(),
  })
  .meta({ id: 'CertificateVerification' });

export const webhookAcknowledgementSchema = z
  .object({ received: z.literal(true), outcome: z.string() })
  .meta({ id: 'WebhookAcknowledgement' });

export const placementIdParametersSchema = z.object({ id: z.string().min(1).max(64) });

/** A mentor case as staff see it: everything but its lock version and the form submission that opened it. */
export const mentorCaseViewSchema = mentorCaseSchema.omit({ version: true, submissionId: true }).meta({ id: 'MentorCase' });
export const mentorCaseListSchema = z
  .object({ items: z.array(mentorCaseViewSchema), nextToken: z.string().optional() })
  .meta({ id: 'MentorCaseList' });
export const caseIdParametersSchema = z.object({ id: z.string().min(1).max(100) });

export const clientLinkParametersSchema = z.object({ id: z.string().min(1).max(64), document: z.enum(['contract', 'reserve', 'talk-to-us']) });
export const talkToUsRequestSchema = z
  .object({
    message: z.string().trim().min(1).max(4000),
    /** Set by the page's form: the same submission sent again (a browser retry) opens no second case. */
    submission: z.string().regex(/^[0-9A-Za-z_-]{10,64}$/).optional(),
  })
  .meta({ id: 'TalkToUs' });

/** `key` proves the link came from the client's email; `done` marks the provider sending the client back. */
export const clientLinkQuerySchema = z.object({
  key: z.string().min(16).max(200).optional(),
  done: z.literal('1').optional(),
  event: z.string().max(100).optional(),
});

const linkKeySchema = z.string().min(16).max(200);

/** A check-in's one-click answer: the check-in's number in the path, the answer and the link key in the query. */
export const checkInLinkParametersSchema = z.object({ id: z.string().min(1).max(64), number: z.coerce.number().int().min(1).max(1000) });
export const checkInAnswerQuerySchema = z.object({ key: linkKeySchema, answer: reviewAnswerSchema });
/** The comment page's form (or JSON): the answer again, and what the client wants to add. */
export const checkInCommentSchema = z
  .object({ answer: reviewAnswerSchema, message: z.string().trim().min(1).max(2000).optional() })
  .meta({ id: 'CheckInReview' });
export const reviewRecordedSchema = z
  .object({ checkIn: z.number().int(), answer: reviewAnswerSchema, caseId: z.string().optional() })
  .meta({ id: 'ReviewRecorded' });

export const phaseLinkParametersSchema = z.object({ id: z.string().min(1).max(64), phase: z.enum(['II', 'III']) });
export const phaseAcceptedSchema = z.object({ phase: z.enum(['I', 'II', 'III']) }).meta({ id: 'PhaseAccepted' });

export interface RouteContract {
  summary: string;
  pathParameters?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodObject;
  responses: Partial<Record<200 | 201 | 202, z.ZodType>>;
  /** For a person's browser: a 302 to where it leads, or a short HTML page (200). */
  browser?: { redirect: string; page: string };
  /** Statuses of the error shape this route can answer. */
  errors: number[];
}

type RouteKey = `${RouteSpec['method']} ${RouteSpec['path']}`;

const staffErrors = [400, 401, 403];

/** A staff action on one placement: its id in the path, the placement in the answer; no such placement (404), or not now (409). */
function placementAction<const Status extends 200 | 202, Body extends z.ZodType | undefined = undefined>(summary: string, status: Status, body?: Body) {
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
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    responses: { 201: placementViewSchema },
    errors: [...staffErrors, 409],
  },
  'GET /placements': {
    summary: 'List placements by status or by certification week',
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
  'POST /placements/{id}/exam-result': placementAction("Record the proctor's exam score (status must be EXAM)", 200, examResultRequestSchema),
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
    browser: { redirect: 'Never', page: 'Thank you, with the answer given and a box for an optional comment' },
    errors: [400, 404, 409],
  },
  'POST /links/{id}/check-ins/{number}': {
    summary: "The check-in's comment page: the answer with an optional comment (JSON, or the page's form)",
    pathParameters: checkInLinkParametersSchema,
    query: z.object({ key: linkKeySchema }),
    body: checkInCommentSchema,
    responses: { 200: reviewRecordedSchema },
    errors: [400, 404, 409],
  },
  'GET /links/{id}/phase/{phase}': {
    summary: 'The next phase a check-in letter offered: a page with a button to accept it',
    pathParameters: phaseLinkParametersSchema,
    query: z.object({ key: linkKeySchema }),
    responses: { 200: phaseAcceptedSchema },
    browser: { redirect: 'Never', page: 'What the phase means, and a button to move to it (or a note that it is no longer on offer)' },
    errors: [400, 404, 409],
  },
  'POST /links/{id}/phase/{phase}': {
    summary: 'The client accepts the offered phase (the button on the page, or JSON)',
    pathParameters: phaseLinkParametersSchema,
    query: z.object({ key: linkKeySchema }),
    responses: { 200: phaseAcceptedSchema },
    errors: [400, 404, 409],
  },
  'GET /links/{id}/{document}': {
    summary: "A link in the client's email: opens a fresh DocuSign signing session or billing checkout",
    pathParameters: clientLinkParametersSchema,
    query: clientLinkQuerySchema,
    responses: {},
    browser: {
      redirect: "To DocuSign's signing page or the billing checkout, opened for this visit",
      page: 'A short note: already signed, already funded, closed, or thank you (after the provider sends the client back)',
    },
    errors: [400, 404],
  },
  'POST /links/{id}/talk-to-us': {
    summary: '"Talk to us": the client opens a case for the mentor team (JSON, or the form of the link\'s page)',
    pathParameters: placementIdParametersSchema,
    query: z.object({ key: z.string().min(16).max(200) }),
    body: talkToUsRequestSchema,
    responses: { 201: z.object({ caseId: z.string() }).meta({ id: 'OpenedCase' }) },
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
  'GET /certificates/{id}': {
    summary: 'Public: is this certificate genuine?',
    pathParameters: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: certificateVerificationSchema },
    errors: [400, 404],
  },
  'GET /openapi.json': {
    summary: 'This document',
    responses: { 200: z.record(z.string(), z.unknown()) },
    errors: [],
  },
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
