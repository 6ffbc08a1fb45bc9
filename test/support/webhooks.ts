import { createHmac } from 'node:crypto';
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { secretValue } from '../../local/config';
import { loadAgencyConfig } from '../../functions/domain/agency-config';
import { post, type LocalSystem, type PlainResponse } from './local-system';

/**
 * Provider webhooks built and signed here exactly as DocuSign Connect and a Stripe-format billing
 * provider sign them, so a test controls the body (its event id, its timestamps) and can send one
 * delivery as many times as it likes.
 */

export interface SignedDelivery {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** DocuSign Connect JSON (SIM): base64 HMAC-SHA256 of the raw body with the Connect key. */
export function docusignSignature(body: string, key = secretValue('docusignConnectKey')): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64');
}

export function docusignEvent(
  system: LocalSystem,
  options: { event: string; envelopeId: string; generatedDateTime: string; completedDateTime?: string },
): SignedDelivery {
  const body = JSON.stringify({
    event: options.event,
    apiVersion: 'v2.1',
    uri: `/restapi/v2.1/accounts/local-account/envelopes/${options.envelopeId}`,
    retryCount: 0,
    configurationId: '10001',
    generatedDateTime: options.generatedDateTime,
    data: {
      accountId: 'local-account',
      envelopeId: options.envelopeId,
      envelopeSummary: {
        envelopeId: options.envelopeId,
        status: options.event === 'envelope-completed' ? 'completed' : options.event.replace(/^envelope-/, ''),
        ...(options.completedDateTime === undefined ? {} : { completedDateTime: options.completedDateTime }),
      },
    },
  });
  return {
    url: `${system.baseUrl}/webhooks/docusign`,
    body,
    headers: { 'content-type': 'application/json', 'x-docusign-signature-1': docusignSignature(body) },
  };
}

/** Seconds since the epoch on the process clock, which is the system's virtual clock in these tests. */
export const unixNow = (): number => Math.floor(Date.now() / 1000);

/** `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; a provider re-signs each retry with a fresh t. */
export function billingSignature(body: string, timestamp = unixNow(), secret = secretValue('billingWebhookSecret')): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

// Only the reserve's defaults matter here; the addresses are placeholders the loader requires.
const defaultAgency = loadAgencyConfig({
  SENDER_ADDRESS: 'a@example.com',
  CUSTOMER_SERVICE_EMAIL: 'a@example.com',
  MENTOR_TEAM_EMAIL: 'a@example.com',
  PROCTORS_EMAIL: 'a@example.com',
  PUBLIC_BASE_URL: 'https://example.com',
});
/** The reserve as the agency configures it by default, which the local system uses. */
export const reservePayment = { mode: 'payment', amountTotal: defaultAgency.reserveAmountMinor, currency: defaultAgency.reserveCurrency };

export function billingEventBody(options: {
  id: string;
  type: string;
  created: number;
  sessionId: string;
  placementId?: string;
  paymentStatus?: string;
  /** What was paid; by default the agency's reserve, in payment mode. */
  payment?: { mode?: string; amountTotal?: number; currency?: string; paymentIntent?: string };
}): string {
  const payment = { ...reservePayment, ...options.payment };
  return JSON.stringify({
    id: options.id,
    object: 'event',
    api_version: '2024-06-20',
    created: options.created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: options.type,
    data: {
      object: {
        id: options.sessionId,
        object: 'checkout.session',
        client_reference_id: options.placementId ?? null,
        ...(options.paymentStatus === undefined ? {} : { payment_status: options.paymentStatus }),
        status: 'complete',
        mode: payment.mode,
        amount_total: payment.amountTotal,
        currency: payment.currency,
        payment_intent: payment.paymentIntent ?? `pi_test_${options.sessionId}`,
      },
    },
  });
}

/** One delivery of a billing event body, signed now (call again for a retry: it is signed afresh). */
export function billingDelivery(system: LocalSystem, body: string): SignedDelivery {
  return {
    url: `${system.baseUrl}/webhooks/billing`,
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': billingSignature(body) },
  };
}

export function deliver(delivery: SignedDelivery): Promise<PlainResponse> {
  return post(delivery.url, delivery.body, delivery.headers);
}

// --- The lifecycle's execution, as the Step Functions API reports it ---

export function executionArnOf(system: LocalSystem, placementId: string): string {
  const stateMachineArn = system.stateMachineArns.placementLifecycle ?? '';
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${placementId}`;
}

/** The whole execution history of a placement's lifecycle, through @aws-sdk/client-sfn. */
export async function executionHistory(system: LocalSystem, placementId: string): Promise<HistoryEvent[]> {
  const client = new SFNClient({ endpoint: system.endpoints.stepfunctions });
  try {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetExecutionHistoryCommand({ executionArn: executionArnOf(system, placementId), maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return events;
  } finally {
    client.destroy();
  }
}

/** The names of the states entered, in order. */
export function statesEntered(history: HistoryEvent[]): string[] {
  return history.flatMap((event) => (event.stateEnteredEventDetails?.name === undefined ? [] : [event.stateEnteredEventDetails.name]));
}

/** How many times the Task state `stateName` ended in TaskSucceeded (each attempt is attributed to the state last entered). */
export function taskSuccesses(history: HistoryEvent[], stateName: string): number {
  let current: string | undefined;
  let count = 0;
  for (const event of history) {
    if (event.stateEnteredEventDetails?.name !== undefined) current = event.stateEnteredEventDetails.name;
    if (event.type === 'TaskSucceeded' && current === stateName) count += 1;
  }
  return count;
}

export const paperworkWaitState = 'Wait for the contract and the reserve';
