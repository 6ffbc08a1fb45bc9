import { createHmac, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBillingSignature } from '../../../functions/adapters/billing/webhook-signature';
import { isDocusignSignatureValid } from '../../../functions/adapters/docusign/connect-signature';
import { docusignCredentialsSchema, jwtAssertion } from '../../../functions/adapters/docusign/esignature-client';
import { localSecretDefaults } from '../../../local/config';
import { get, json, post, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// The DocuSign and billing sandboxes: the REST subset, the pages, and webhooks signed as the real
// providers sign them (checked here with the documented local secrets).

const start = new Date('2030-03-05T16:30:00.000Z');
let system: LocalSystem;
const deliveries: { route: string; headers: Record<string, string>; body: string }[] = [];

function recordWebhook(event: unknown) {
  const { routeKey, headers, body } = event as { routeKey: string; headers: Record<string, string>; body: string };
  deliveries.push({ route: routeKey, headers, body });
  return { statusCode: 200, body: '' };
}

function lastDelivery() {
  const delivery = deliveries.at(-1);
  if (!delivery) throw new Error('no webhook delivered');
  return { ...delivery, payload: JSON.parse(delivery.body) as Record<string, unknown> };
}

beforeAll(async () => {
  system = await startTestSystem({ now: start, functions: { docusignWebhook: recordWebhook, billingWebhook: recordWebhook } });
});

afterAll(async () => {
  await system?.stop();
});

describe('DocuSign sandbox', () => {
  const accountId = 'local-account';
  let bearer: Record<string, string>;

  beforeAll(async () => {
    // The JWT grant, as the adapter makes it, with the key pair the local runtime generated.
    const credentials = docusignCredentialsSchema.parse(JSON.parse(process.env.DOCUSIGN_API_CREDENTIALS ?? '{}'));
    const grant = await post(
      `${system.endpoints.sandbox.docusign}/oauth/token`,
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwtAssertion(credentials, Math.floor(system.clock.now().getTime() / 1000)),
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(grant.status).toBe(200);
    bearer = { authorization: `Bearer ${(json(grant) as { access_token: string }).access_token}` };
  });

  it('refuses the REST API without a granted token, and a grant whose assertion another key signed', async () => {
    const anonymous = await postJson(`${system.endpoints.sandbox.docusign}/restapi/v2.1/accounts/${accountId}/envelopes`, { status: 'sent' });
    const credentials = docusignCredentialsSchema.parse(JSON.parse(process.env.DOCUSIGN_API_CREDENTIALS ?? '{}'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = jwtAssertion(
      { ...credentials, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      Math.floor(system.clock.now().getTime() / 1000),
    );
    const grant = await post(
      `${system.endpoints.sandbox.docusign}/oauth/token`,
      new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: forged }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );

    expect(anonymous.status).toBe(401);
    expect(grant.status).toBe(400);
    expect(json(grant)).toMatchObject({ error: 'invalid_grant' });
  });

  async function createEnvelope(): Promise<string> {
    const response = await postJson(
      `${system.endpoints.sandbox.docusign}/restapi/v2.1/accounts/${accountId}/envelopes`,
      {
        emailSubject: 'Your VE contract',
        status: 'sent',
        recipients: { signers: [{ email: 'dana@client.example.com', name: 'Dana Client', recipientId: '1', clientUserId: 'pl-1' }] },
      },
      bearer,
    );
    expect(response.status).toBe(201);
    return (json(response) as { envelopeId: string }).envelopeId;
  }

  it('creates an envelope and a recipient signing URL', async () => {
    const response = await postJson(
      `${system.endpoints.sandbox.docusign}/restapi/v2.1/accounts/${accountId}/envelopes`,
      { emailSubject: 'Your VE contract', status: 'sent', recipients: { signers: [{ email: 'dana@client.example.com', name: 'Dana Client' }] } },
      bearer,
    );

    expect(response.status).toBe(201);
    const envelope = json(response) as Record<string, string>;
    expect(envelope).toMatchObject({ status: 'sent', statusDateTime: expect.stringMatching(/^2030-03-05T16:3/) });
    expect(envelope.uri).toBe(`/envelopes/${envelope.envelopeId}`);

    const view = await postJson(
      `${system.endpoints.sandbox.docusign}/restapi/v2.1/accounts/${accountId}/envelopes/${envelope.envelopeId}/views/recipient`,
      { returnUrl: 'http://localhost/signed', authenticationMethod: 'none', email: 'dana@client.example.com', userName: 'Dana Client' },
      bearer,
    );
    expect(view.status).toBe(201);
    const { url } = json(view) as { url: string };
    const page = await get(url);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<button type="submit">Sign</button>');
  });

  it('sends envelope-completed, signed with the Connect key, when the person signs', async () => {
    const envelopeId = await createEnvelope();

    const response = await post(`${system.endpoints.sandbox.docusign}/envelopes/${envelopeId}/complete`, '');

    expect(response.status).toBe(200);
    expect(json(response)).toMatchObject({ webhook: { status: 200, event: 'envelope-completed' } });
    const delivery = lastDelivery();
    expect(delivery.route).toBe('POST /webhooks/docusign');
    const expected = createHmac('sha256', localSecretDefaults.docusignConnectKey).update(delivery.body, 'utf8').digest('base64');
    expect(delivery.headers['x-docusign-signature-1']).toBe(expected);
    expect(isDocusignSignatureValid(delivery.body, delivery.headers, [localSecretDefaults.docusignConnectKey])).toBe(true);
    expect(delivery.payload).toMatchObject({
      event: 'envelope-completed',
      apiVersion: 'v2.1',
      uri: `/restapi/v2.1/accounts/${accountId}/envelopes/${envelopeId}`,
      retryCount: 0,
      configurationId: expect.any(String),
      generatedDateTime: expect.stringMatching(/^2030-03-05T/),
      data: { accountId, userId: expect.any(String), envelopeId, envelopeSummary: { status: 'completed', completedDateTime: expect.stringMatching(/^2030-03-05T/) } },
    });
  });

  it('sends envelope-declined and envelope-voided with their reasons, and refuses a second outcome', async () => {
    const declined = await createEnvelope();
    const voided = await createEnvelope();

    await postJson(`${system.endpoints.sandbox.docusign}/envelopes/${declined}/decline`, { reason: 'Wrong company name' });
    expect(lastDelivery().payload).toMatchObject({ event: 'envelope-declined', data: { envelopeSummary: { status: 'declined' } } });
    await postJson(`${system.endpoints.sandbox.docusign}/envelopes/${voided}/void`, { reason: 'Replaced' });
    expect(lastDelivery().payload).toMatchObject({ event: 'envelope-voided', data: { envelopeSummary: { status: 'voided', voidedReason: 'Replaced' } } });

    const again = await post(`${system.endpoints.sandbox.docusign}/envelopes/${declined}/complete`, '');
    expect(again.status).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('redirects a person back to the return URL after signing', async () => {
    const envelopeId = await createEnvelope();
    await postJson(
      `${system.endpoints.sandbox.docusign}/restapi/v2.1/accounts/${accountId}/envelopes/${envelopeId}/views/recipient`,
      { returnUrl: 'http://localhost/done' },
      bearer,
    );

    const response = await post(`${system.endpoints.sandbox.docusign}/envelopes/${envelopeId}/complete`, '', {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('http://localhost/done?event=signing_complete');
  });

  it('answers a malformed envelope with 400', async () => {
    const response = await post(`${system.endpoints.sandbox.docusign}/restapi/v2.1/accounts/${accountId}/envelopes`, '{nope', bearer);

    expect(response.status).toBe(400);
  });
});

describe('billing sandbox', () => {
  const authorization = { authorization: `Bearer ${localSecretDefaults.billingApi}`, 'content-type': 'application/x-www-form-urlencoded' };

  async function createSession(reference: string): Promise<Record<string, unknown>> {
    const form = new URLSearchParams({
      mode: 'payment',
      client_reference_id: reference,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '150000',
      'line_items[0][price_data][product_data][name]': 'Billing reserve',
      customer_email: 'dana@client.example.com',
      success_url: 'http://localhost/paid',
    });
    const response = await post(`${system.endpoints.sandbox.billing}/v1/checkout/sessions`, form.toString(), authorization);
    expect(response.status).toBe(200);
    return json(response) as Record<string, unknown>;
  }

  function verifyStripeSignature(header: string | undefined, body: string): number {
    const parts = new Map((header ?? '').split(',').map((part) => part.split('=') as [string, string]));
    const t = Number(parts.get('t'));
    const expected = createHmac('sha256', localSecretDefaults.billingWebhookSecret).update(`${t}.${body}`, 'utf8').digest('hex');
    expect(parts.get('v1')).toBe(expected);
    return t;
  }

  it('creates an unpaid checkout session with a page to pay', async () => {
    const session = await createSession('pl-1');

    expect(session).toMatchObject({
      id: expect.stringMatching(/^cs_test_/),
      object: 'checkout.session',
      client_reference_id: 'pl-1',
      amount_total: 150000,
      customer_email: 'dana@client.example.com',
      payment_status: 'unpaid',
      status: 'open',
    });
    const page = await get(String(session.url));
    expect(page.body).toContain('Pay 1500.00 USD');
  });

  it('sends checkout.session.completed, paid, signed Stripe-style with the virtual time', async () => {
    const session = await createSession('pl-2');

    const response = await post(`${system.endpoints.sandbox.billing}/checkout/sessions/${String(session.id)}/pay`, '');

    expect(response.status).toBe(200);
    const delivery = lastDelivery();
    expect(delivery.route).toBe('POST /webhooks/billing');
    const t = verifyStripeSignature(delivery.headers['stripe-signature'], delivery.body);
    expect(Math.abs(t * 1000 - system.clock.now().getTime())).toBeLessThan(5_000);
    expect(checkBillingSignature(delivery.body, delivery.headers['stripe-signature'], localSecretDefaults.billingWebhookSecret, system.clock.now())).toEqual({
      valid: true,
    });
    expect(delivery.payload).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      object: 'event',
      type: 'checkout.session.completed',
      created: t,
      data: { object: { id: session.id, object: 'checkout.session', client_reference_id: 'pl-2', payment_status: 'paid' } },
    });
  });

  it('runs the asynchronous payment path: completed unpaid, then succeeded or failed', async () => {
    const succeeding = await createSession('pl-3');
    const failing = await createSession('pl-4');
    const base = `${system.endpoints.sandbox.billing}/checkout/sessions`;

    await post(`${base}/${String(succeeding.id)}/pay-async`, '');
    expect(lastDelivery().payload).toMatchObject({ type: 'checkout.session.completed', data: { object: { payment_status: 'unpaid' } } });
    await post(`${base}/${String(succeeding.id)}/async-payment-succeeded`, '');
    expect(lastDelivery().payload).toMatchObject({ type: 'checkout.session.async_payment_succeeded', data: { object: { payment_status: 'paid' } } });

    await post(`${base}/${String(failing.id)}/pay-async`, '');
    await post(`${base}/${String(failing.id)}/async-payment-failed`, '');
    expect(lastDelivery().payload).toMatchObject({ type: 'checkout.session.async_payment_failed', data: { object: { client_reference_id: 'pl-4' } } });

    const twice = await post(`${base}/${String(failing.id)}/async-payment-succeeded`, '');
    expect(twice.status).toBe(409);
  });

  it('refuses a request without the API key (401) or without a required field (400)', async () => {
    const form = new URLSearchParams({
      mode: 'payment',
      client_reference_id: 'pl-5',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '100',
      'line_items[0][price_data][product_data][name]': 'Billing reserve',
      success_url: 'http://localhost/paid',
    }).toString();
    const withoutKey = await post(`${system.endpoints.sandbox.billing}/v1/checkout/sessions`, form, { 'content-type': 'application/x-www-form-urlencoded' });
    const withoutAmount = await post(
      `${system.endpoints.sandbox.billing}/v1/checkout/sessions`,
      new URLSearchParams({ mode: 'payment', client_reference_id: 'pl-5', success_url: 'http://localhost/paid' }).toString(),
      authorization,
    );

    expect(withoutKey.status).toBe(401);
    expect(withoutAmount.status).toBe(400);
    expect(json(withoutAmount)).toMatchObject({ error: { type: 'invalid_request_error', param: 'line_items[0][price_data][unit_amount]' } });
  });
});
