import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { expect } from 'vitest';
import { z } from 'zod';
import { defaultStaffToken } from '../../local/config';
import { selectionBody, type SelectionInput } from './fixtures';
import { advanceClock, get, json, post, postJson, type LocalSystem, type PlainResponse } from './local-system';
import { executionArnOf } from './webhooks';

/** Drives one placement through the local system as staff, providers and clients would. */

export const admin = { authorization: `Bearer ${defaultStaffToken}` };

const placementSchema = z.looseObject({
  id: z.string(),
  client: z.looseObject({ email: z.string() }),
  candidate: z.looseObject({ email: z.string() }),
  status: z.string(),
  timeline: z.looseObject({
    linksAt: z.string(),
    certificationWeek: z.string(),
    weekStartsAt: z.string(),
    sessionsAt: z.array(z.string()),
    examAt: z.string(),
    resultsDueAt: z.string(),
    startDate: z.string(),
    startsAt: z.string(),
    rescheduledFrom: z.string().optional(),
  }),
  contract: z.looseObject({ envelopeId: z.string(), status: z.string() }).optional(),
  reserve: z.looseObject({ status: z.string(), checkoutSessionId: z.string().optional(), carriedOverFrom: z.string().optional() }).optional(),
  certificate: z.looseObject({ id: z.string(), issuedAt: z.string() }).optional(),
  cancellation: z.looseObject({ reason: z.string(), cancelledAt: z.string() }).optional(),
  needsAttention: z.looseObject({ reason: z.string() }).optional(),
  relationship: z
    .looseObject({
      phase: z.string(),
      movedBy: z.string(),
      checkInsSent: z.number(),
      nextCheckIn: z.looseObject({ number: z.number(), weeksAfterStart: z.number(), dueAt: z.string() }).optional(),
      reviews: z.array(z.looseObject({ checkIn: z.number(), answer: z.string() })),
      suggestedPhase: z.looseObject({ phase: z.string() }).optional(),
    })
    .optional(),
  history: z.array(z.looseObject({ at: z.string(), what: z.string(), toStatus: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() })).optional(),
});
export type PlacementSeen = z.infer<typeof placementSchema>;

/** The entries of one kind in a placement's history (SESSION_HELD, CONTRACT_SIGNED, …), oldest first. */
export const whatHappened = (seen: Pick<PlacementSeen, 'history'>, what: string) => (seen.history ?? []).filter((entry) => entry.what === what);

export async function recordSelection(system: LocalSystem, input: SelectionInput): Promise<PlacementSeen> {
  const response = await postJson(`${system.baseUrl}/placements`, selectionBody(input), admin);
  expect(response.status, response.body).toBe(201);
  await system.clock.waitForIdle();
  return placementSchema.parse(json(response));
}

export async function readPlacement(system: LocalSystem, id: string): Promise<PlacementSeen> {
  const response = await get(`${system.baseUrl}/placements/${id}`, admin);
  expect(response.status, response.body).toBe(200);
  return placementSchema.parse(json(response));
}

export async function advanceTo(system: LocalSystem, instant: string): Promise<void> {
  await advanceClock(system, { advanceTo: instant });
}

/** Lets whatever a request set off (a resumed execution) finish, without moving the clock far. */
export async function settle(system: LocalSystem): Promise<void> {
  await advanceClock(system, { advanceBy: 'PT1S' });
}

async function sandboxAction(url: string): Promise<PlainResponse> {
  const response = await post(url, '', { accept: 'application/json' });
  expect(response.status, response.body).toBeLessThan(300);
  return response;
}

export async function signContract(system: LocalSystem, envelopeId: string, action: 'complete' | 'decline' | 'void' = 'complete') {
  await sandboxAction(`${system.endpoints.sandbox.docusign}/envelopes/${envelopeId}/${action}`);
  await system.clock.waitForIdle();
}

export async function payReserve(
  system: LocalSystem,
  checkoutSessionId: string,
  action: 'pay' | 'pay-async' | 'async-payment-succeeded' | 'async-payment-failed' = 'pay',
) {
  await sandboxAction(`${system.endpoints.sandbox.billing}/checkout/sessions/${checkoutSessionId}/${action}`);
  await system.clock.waitForIdle();
}

export async function recordExamScore(system: LocalSystem, id: string, score: number): Promise<PlainResponse> {
  const response = await postJson(`${system.baseUrl}/placements/${id}/exam-result`, { score }, admin);
  await system.clock.waitForIdle();
  return response;
}

/** Both pieces of paperwork, as the client would do them: sign the envelope, pay the latest checkout. */
export async function completePaperwork(system: LocalSystem, id: string): Promise<void> {
  const current = await readPlacement(system, id);
  await signContract(system, current.contract?.envelopeId ?? '');
  await payReserve(system, current.reserve?.checkoutSessionId ?? '');
}

/** Staff cancel a placement with a reason. */
export async function cancelPlacement(system: LocalSystem, id: string, reason: string): Promise<PlainResponse> {
  const response = await postJson(`${system.baseUrl}/placements/${id}/cancel`, { reason }, admin);
  await system.clock.waitForIdle();
  return response;
}

/** Whether the billing sandbox ever opened a checkout session referring to this placement. */
export async function checkoutOpenedFor(system: LocalSystem, id: string): Promise<boolean> {
  const page = await get(`${system.endpoints.sandbox.billing}/`);
  return page.body.includes(`<td>${id}</td>`);
}

/** The status of the placement's lifecycle execution (named after the placement), as Step Functions reports it. */
export async function executionStatus(system: LocalSystem, id: string): Promise<string | undefined> {
  const sfn = new SFNClient({ endpoint: system.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(system, id) }));
    return execution.status;
  } finally {
    sfn.destroy();
  }
}


/** The reserve links in an email: ours, which open a checkout when followed. */
export function paymentLinks(email: Pick<EmailSeen, 'text'>): string[] {
  return [...email.text.matchAll(/https?:\/\/\S+\/links\/\S+\/reserve\?key=\S+/g)].map((match) => match[0]);
}

/** The contract links in an email: ours, which open a DocuSign signing session when followed. */
export function contractLinks(email: Pick<EmailSeen, 'text'>): string[] {
  return [...email.text.matchAll(/https?:\/\/\S+\/links\/\S+\/contract\?key=\S+/g)].map((match) => match[0]);
}

const storedEmailSchema = z.object({
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  attachments: z.array(z.looseObject({ filename: z.string().optional(), contentType: z.string(), content: z.string().optional() })),
  at: z.number(),
});
export interface EmailSeen {
  to: string[];
  subject: string;
  text: string;
  html: string;
  at: string;
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

/** Every email sent so far, read from the SES stand-in's own store (attachments included). */
export async function sentEmails(system: LocalSystem): Promise<EmailSeen[]> {
  const response = await get(`${system.endpoints.ses}/store`);
  const store = z.object({ emails: z.array(storedEmailSchema) }).parse(json(response));
  return store.emails.map((email) => ({
    to: email.destination.to,
    subject: email.subject,
    text: email.body.text ?? '',
    html: email.body.html ?? '',
    at: new Date(email.at * 1000).toISOString(),
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content ?? '', 'base64'),
    })),
  }));
}

/**
 * The emails about one placement: to its client or VE, or naming its id (staff letters do). The SES
 * stand-in keeps no headers, so the X-Placement-Id header cannot be used here.
 */
export async function emailsFor(system: LocalSystem, placement: Pick<PlacementSeen, 'id'> & { client: { email: string }; candidate: { email: string } }): Promise<EmailSeen[]> {
  const people = [placement.client.email, placement.candidate.email];
  return (await sentEmails(system)).filter(
    (email) => email.to.some((address) => people.includes(address)) || email.text.includes(placement.id),
  );
}

/** The emails sent at or after `instant`. */
export const sentFrom = (emails: EmailSeen[], instant: string) => emails.filter((email) => Date.parse(email.at) >= Date.parse(instant));
