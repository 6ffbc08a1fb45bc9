import { billingEventSchema, handleBillingEvent } from '../application/provider-events';
import { checkBillingSignature } from '../adapters/billing/webhook-signature';
import { providerSecret } from '../adapters/secrets/provider-secrets';
import { Unauthorized } from '../domain/errors';
import { httpHandler } from '../http/http-handler';
import { parseJson, rawBodyBytes, requestHeader, validate } from '../http/request';
import { json } from '../http/respond';
import { providerEventDeps } from '../wiring/provider-events';

const signingSecret = providerSecret('BILLING_WEBHOOK_SECRET');

export const handler = httpHandler(async (event) => {
  const bytes = rawBodyBytes(event);
  const check = checkBillingSignature(bytes, requestHeader(event, 'stripe-signature'), await signingSecret(), new Date());
  if (!check.valid) throw new Unauthorized(`The Stripe-Signature header is ${check.reason === 'stale' ? 'too old' : check.reason}.`);
  const billingEvent = validate(billingEventSchema, parseJson(bytes.toString('utf8')), 'billing event');
  const outcome = await handleBillingEvent(await providerEventDeps(), billingEvent);
  return json(200, { received: true, outcome });
});
