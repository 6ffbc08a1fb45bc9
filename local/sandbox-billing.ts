import { createHmac, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { z } from 'zod';
import { escapeHtml, readBody, sendError, sendJson } from './http';
import { answerAction, button, deliverWebhook, deliveryList, sendIndex, sendPage, serveRoute, type WebhookDelivery } from './sandbox-webhooks';

/** The billing provider's (Stripe-format) Checkout subset, a page to pay, and signed webhooks. */

/** Stripe's form encoding of a one-item payment session, as the billing adapter sends it. */
const createSessionSchema = z.object({
  mode: z.literal('payment'),
  client_reference_id: z.string().min(1),
  'line_items[0][quantity]': z.coerce.number().int().positive().default(1),
  'line_items[0][price_data][unit_amount]': z.coerce.number().int().positive(),
  'line_items[0][price_data][currency]': z.string().length(3),
  'line_items[0][price_data][product_data][name]': z.string().min(1),
  customer_email: z.email().optional(),
  success_url: z.url(),
  cancel_url: z.url().optional(),
});

interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string;
  customer_email: string | null;
  metadata: Record<string, string>;
  mode: 'payment';
  livemode: false;
  payment_intent: string;
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  created: number;
  expires_at: number;
}

type EventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed'
  | 'charge.refunded'
  | 'charge.dispute.created';
type Action = 'pay' | 'pay-async' | 'async-payment-succeeded' | 'async-payment-failed' | 'refund' | 'dispute';

export interface BillingSandboxOptions {
  /** Where this sandbox is served, e.g. http://localhost:3004/billing. */
  baseUrl: string;
  /** The gateway's /webhooks/billing. */
  webhookUrl: string;
  webhookSecret: () => string;
  apiKey: () => string;
}

function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function stripeError(response: http.ServerResponse, status: number, message: string, param?: string): void {
  sendJson(response, status, { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
}

export class BillingSandbox {
  readonly sessions = new Map<string, CheckoutSession & { deliveries: WebhookDelivery[]; asyncPending: boolean }>();

  constructor(private readonly options: BillingSandboxOptions) {}

  /** Handles `path` (below the sandbox prefix); false when it is not one of this sandbox's routes. */
  handle(request: http.IncomingMessage, response: http.ServerResponse, path: string): Promise<boolean> {
    return serveRoute(request.method ?? 'GET', path, [
      ['GET', /^\/?$/, () => this.index(response)],
      ['POST', /^\/v1\/checkout\/sessions$/, () => this.createSession(request, response)],
      ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (id) => this.retrieveSession(request, response, id)],
      ['GET', /^\/pay\/([^/]+)$/, (id) => this.paymentPage(response, id)],
      [
        'POST',
        /^\/checkout\/sessions\/([^/]+)\/(pay|pay-async|async-payment-succeeded|async-payment-failed|refund|dispute)$/,
        (id, action) => this.act(request, response, id, action as Action),
      ],
    ]);
  }

  /** Like the provider: a secret key as bearer token, or 401. */
  private authorized(request: http.IncomingMessage, response: http.ServerResponse): boolean {
    if (request.headers.authorization === `Bearer ${this.options.apiKey()}`) return true;
    sendJson(response, 401, {
      error: { type: 'invalid_request_error', message: 'Invalid API Key provided (the local sandbox expects BILLING_API_KEY as bearer token).' },
    });
    return false;
  }

  private async createSession(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = (await readBody(request)).toString('utf8');
    if (!this.authorized(request, response)) return;
    const form = new URLSearchParams(body);
    const parsed = createSessionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      stripeError(response, 400, z.prettifyError(parsed.error), issue?.path.join('.'));
      return;
    }
    const metadata: Record<string, string> = {};
    for (const [key, value] of form) {
      const field = /^metadata\[(.+)\]$/.exec(key);
      if (field?.[1]) metadata[field[1]] = value;
    }
    const created = unixSeconds();
    const id = stripeId('cs_test');
    const session = {
      id,
      object: 'checkout.session' as const,
      amount_subtotal: parsed.data['line_items[0][price_data][unit_amount]'] * parsed.data['line_items[0][quantity]'],
      amount_total: parsed.data['line_items[0][price_data][unit_amount]'] * parsed.data['line_items[0][quantity]'],
      currency: parsed.data['line_items[0][price_data][currency]'].toLowerCase(),
      client_reference_id: parsed.data.client_reference_id,
      customer_email: parsed.data.customer_email ?? null,
      metadata,
      mode: 'payment' as const,
      livemode: false as const,
      payment_intent: stripeId('pi_test'),
      payment_status: 'unpaid' as const,
      status: 'open' as const,
      success_url: parsed.data.success_url,
      cancel_url: parsed.data.cancel_url ?? null,
      url: `${this.options.baseUrl}/pay/${id}`,
      created,
      expires_at: created + 24 * 3600,
      deliveries: [],
      asyncPending: false,
    };
    this.sessions.set(id, session);
    sendJson(response, 200, this.view(session));
  }

  private retrieveSession(request: http.IncomingMessage, response: http.ServerResponse, id: string): void {
    if (!this.authorized(request, response)) return;
    const session = this.sessions.get(id);
    if (session) sendJson(response, 200, this.view(session));
    else stripeError(response, 404, `No such checkout.session: '${id}'`, 'id');
  }

  private paymentPage(response: http.ServerResponse, id: string): void {
    const session = this.sessions.get(id);
    if (!session) {
      sendPage(response, 404, 'No such checkout session', `<p>Session ${escapeHtml(id)} does not exist in this sandbox.</p>`);
      return;
    }
    const amount = `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`;
    const base = `${this.options.baseUrl}/checkout/sessions/${session.id}`;
    let actions: string;
    if (session.status === 'open') {
      actions = `<p>${button(`${base}/pay`, `Pay ${amount}`)} ${button(`${base}/pay-async`, 'Pay by bank transfer (settles later)')}</p>`;
    } else if (session.asyncPending) {
      actions = `<p>The bank transfer is pending.</p><p>${button(`${base}/async-payment-succeeded`, 'Transfer arrives')} ${button(`${base}/async-payment-failed`, 'Transfer fails')}</p>`;
    } else {
      actions = `<p>This session is <strong>${escapeHtml(session.status)}</strong>, payment <strong>${escapeHtml(session.payment_status)}</strong>.</p>`;
      if (session.payment_status === 'paid') {
        actions += `<p>As the agency's bank or the client's: ${button(`${base}/refund`, 'Refund the payment', true)} ${button(`${base}/dispute`, 'Open a dispute', true)}</p>`;
      }
    }
    sendPage(
      response,
      200,
      'Fund the billing reserve',
      `<table><tr><th>Session</th><td>${escapeHtml(session.id)}</td></tr>
<tr><th>Amount</th><td>${escapeHtml(amount)}</td></tr>
<tr><th>Customer</th><td>${escapeHtml(session.customer_email ?? '—')}</td></tr>
<tr><th>Reference</th><td>${escapeHtml(session.client_reference_id)}</td></tr></table>
${actions}
${deliveryList('Webhook deliveries', session.deliveries)}`,
    );
  }

  private async act(request: http.IncomingMessage, response: http.ServerResponse, id: string, action: Action): Promise<void> {
    // The body (a form or JSON) carries nothing an action reads.
    await readBody(request);
    const session = this.sessions.get(id);
    if (!session) {
      sendError(response, 404, 'NOT_FOUND', `Checkout session ${id} does not exist in this sandbox.`);
      return;
    }
    const open = session.status === 'open';
    const allowed =
      action === 'pay' || action === 'pay-async'
        ? open
        : action === 'refund' || action === 'dispute'
          ? session.payment_status === 'paid'
          : session.asyncPending;
    if (!allowed) {
      const state = session.asyncPending ? 'has a pending bank transfer' : `is ${session.status} (${session.payment_status})`;
      sendError(response, 409, 'CONFLICT', `Checkout session ${id} ${state}; '${action}' does not apply.`);
      return;
    }
    if (action === 'refund' || action === 'dispute') {
      const delivery = await this.sendChargeEvent(session, action);
      answerAction(request, response, `${this.options.baseUrl}/pay/${session.id}`, { session: this.view(session), webhook: delivery });
      return;
    }
    let type: EventType;
    if (action === 'pay') {
      Object.assign(session, { status: 'complete', payment_status: 'paid', url: null });
      type = 'checkout.session.completed';
    } else if (action === 'pay-async') {
      Object.assign(session, { status: 'complete', url: null, asyncPending: true });
      type = 'checkout.session.completed';
    } else if (action === 'async-payment-succeeded') {
      Object.assign(session, { payment_status: 'paid', asyncPending: false });
      type = 'checkout.session.async_payment_succeeded';
    } else {
      session.asyncPending = false;
      type = 'checkout.session.async_payment_failed';
    }
    const delivery = await this.sendEvent(session, type);
    const location = action === 'pay' ? session.success_url : `${this.options.baseUrl}/pay/${session.id}`;
    answerAction(request, response, location, { session: this.view(session), webhook: delivery });
  }

  /** A whole refund of the session's payment (a Charge), or a dispute of it (a Dispute), as Stripe reports them. */
  private sendChargeEvent(session: CheckoutSession & { deliveries: WebhookDelivery[] }, action: 'refund' | 'dispute'): Promise<WebhookDelivery> {
    const charge = `ch_${session.payment_intent.slice('pi_'.length)}`;
    const object =
      action === 'refund'
        ? { id: charge, object: 'charge', amount: session.amount_total, amount_refunded: session.amount_total, refunded: true, currency: session.currency, payment_intent: session.payment_intent }
        : { id: stripeId('dp'), object: 'dispute', amount: session.amount_total, charge, currency: session.currency, payment_intent: session.payment_intent, reason: 'general', status: 'needs_response' };
    return this.sendEvent(session, action === 'refund' ? 'charge.refunded' : 'charge.dispute.created', object);
  }

  /** Stripe's scheme: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, t on the virtual clock. */
  private async sendEvent(
    session: CheckoutSession & { deliveries: WebhookDelivery[] },
    type: EventType,
    object: object = this.view(session),
  ): Promise<WebhookDelivery> {
    const created = unixSeconds();
    const body = JSON.stringify({
      id: stripeId('evt'),
      object: 'event',
      api_version: '2024-06-20',
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    });
    const signature = createHmac('sha256', this.options.webhookSecret()).update(`${created}.${body}`, 'utf8').digest('hex');
    const delivery = await deliverWebhook(this.options.webhookUrl, type, body, { 'stripe-signature': `t=${created},v1=${signature}` });
    session.deliveries.push(delivery);
    return delivery;
  }

  private view(session: CheckoutSession & { deliveries?: WebhookDelivery[]; asyncPending?: boolean }): CheckoutSession {
    const { deliveries: _deliveries, asyncPending: _asyncPending, ...rest } = session;
    return rest;
  }

  private index(response: http.ServerResponse): void {
    const rows = [...this.sessions.values()].map((session) => ({
      href: `${this.options.baseUrl}/pay/${session.id}`,
      cells: [session.id, session.client_reference_id, `${session.status} / ${session.payment_status}`],
    }));
    sendIndex(response, 'Billing sandbox', ['Session', 'Reference', 'Status'], rows, 'No checkout sessions yet.');
  }
}
