import * as z from 'zod/mini';
import { stripeCheckout } from '../adapters/billing/checkout-client';
import { docusignCredentialsSchema, docusignESignature } from '../adapters/docusign/esignature-client';
import { providerSecret } from '../adapters/secrets/provider-secrets';
import { readEnvironment } from './environment';

const env = readEnvironment(z.object({ DOCUSIGN_BASE_URL: z.url(), BILLING_BASE_URL: z.url() }));
const docusignCredentials = providerSecret('DOCUSIGN_API_CREDENTIALS');
const billingApiKey = providerSecret('BILLING_API_KEY');

/** DocuSign eSignature, with the JWT-grant credentials from the secret (parsed once they are read). */
export const contracts = docusignESignature({
  baseUrl: env.DOCUSIGN_BASE_URL,
  credentials: async () => docusignCredentialsSchema.parse(JSON.parse(await docusignCredentials())),
});

/** Stripe-format Checkout for the billing reserve. */
export const billing = stripeCheckout({ baseUrl: env.BILLING_BASE_URL, apiKey: billingApiKey });
