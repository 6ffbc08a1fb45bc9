import * as z from 'zod/mini';
import type { BillingProvider } from '../../application/ports';
import { ProviderError, providerErrorCode } from '../provider-error';

const sessionSchema = z.object({ id: z.string().check(z.minLength(1)), url: z.url(), expires_at: z.number().check(z.int(), z.positive()) });

/** Stripe-format Checkout: `POST /v1/checkout/sessions`, form-encoded, secret key as bearer. */
export function stripeCheckout(options: { baseUrl: string; apiKey: () => Promise<string>; fetch?: typeof fetch }): BillingProvider {
  const send = options.fetch ?? fetch;
  return {
    async openReserveCheckout(request) {
      const form = new URLSearchParams({
        mode: 'payment',
        client_reference_id: request.placementId,
        customer_email: request.clientEmail,
        success_url: request.returnUrl,
        cancel_url: request.returnUrl,
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': request.currency,
        'line_items[0][price_data][unit_amount]': String(request.amountMinor),
        'line_items[0][price_data][product_data][name]': request.description,
        'metadata[placementId]': request.placementId,
        'payment_intent_data[metadata][placementId]': request.placementId,
      });
      const response = await send(`${options.baseUrl.replace(/\/+$/, '')}/v1/checkout/sessions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await options.apiKey()}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': request.idempotencyKey,
        },
        body: form.toString(),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new ProviderError('The billing provider', response.status, '/v1/checkout/sessions', providerErrorCode(text));
      const session = sessionSchema.parse(JSON.parse(text));
      return { checkoutSessionId: session.id, paymentUrl: session.url, expiresAt: new Date(session.expires_at * 1000).toISOString() };
    },
  };
}
