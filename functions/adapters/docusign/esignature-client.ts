import { createSign } from 'node:crypto';
import * as z from 'zod/mini';
import type { ContractProvider } from '../../application/ports';
import { ProviderError, providerErrorCode } from '../provider-error';

/** The DocuSign API secret (JSON): JWT-grant credentials of the integration. */
export const docusignCredentialsSchema = z.object({
  accountId: z.string().check(z.minLength(1)),
  integrationKey: z.string().check(z.minLength(1)),
  userId: z.string().check(z.minLength(1)),
  privateKey: z.string().check(z.minLength(1)),
  /** account-d.docusign.com (demo) or account.docusign.com (production). */
  oauthBaseUrl: z._default(z.url(), 'https://account-d.docusign.com'),
});
export type DocusignCredentials = z.infer<typeof docusignCredentialsSchema>;

const tokenSchema = z.object({ access_token: z.string().check(z.minLength(1)), expires_in: z.number().check(z.positive()) });
const envelopeSchema = z.object({ envelopeId: z.string().check(z.minLength(1)) });
const viewSchema = z.object({ url: z.url() });

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The signed JWT DocuSign's JWT grant takes (RS256, one hour, impersonating the integration's user). */
export function jwtAssertion(credentials: DocusignCredentials, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iss: credentials.integrationKey,
      sub: credentials.userId,
      aud: new URL(credentials.oauthBaseUrl).host,
      iat: nowSeconds,
      exp: nowSeconds + 3600,
      scope: 'signature impersonation',
    }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(credentials.privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}

/**
 * DocuSign eSignature REST v2.1: an envelope with our contract PDF for embedded signing (the client
 * signs through the link in our email, not a DocuSign email), then the signer's recipient view.
 */
export function docusignESignature(options: {
  baseUrl: string;
  credentials: () => Promise<DocusignCredentials>;
  fetch?: typeof fetch;
}): ContractProvider {
  const send = options.fetch ?? fetch;
  let token: { value: string; expiresAt: number } | undefined;

  async function call(url: string, init: RequestInit): Promise<unknown> {
    const response = await send(url, { ...init, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (!response.ok) throw new ProviderError('DocuSign', response.status, new URL(url).pathname, providerErrorCode(text));
    return JSON.parse(text);
  }

  async function accessToken(credentials: DocusignCredentials): Promise<string> {
    const now = Date.now();
    if (token !== undefined && token.expiresAt > now + 60_000) return token.value;
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: jwtAssertion(credentials, Math.floor(now / 1000)),
    });
    const granted = tokenSchema.parse(
      await call(`${credentials.oauthBaseUrl.replace(/\/+$/, '')}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      }),
    );
    token = { value: granted.access_token, expiresAt: now + granted.expires_in * 1000 };
    return token.value;
  }

  async function session() {
    const credentials = await options.credentials();
    const headers = { authorization: `Bearer ${await accessToken(credentials)}`, 'content-type': 'application/json' };
    const accountUrl = `${options.baseUrl.replace(/\/+$/, '')}/restapi/v2.1/accounts/${encodeURIComponent(credentials.accountId)}`;
    return { headers, accountUrl };
  }

  return {
    async sendContract(request) {
      const { headers, accountUrl } = await session();
      // clientUserId makes the signer embedded: the client signs through our link, not a DocuSign email.
      const signer = { email: request.signer.email, name: request.signer.name, recipientId: '1', clientUserId: request.placementId };
      const envelope = envelopeSchema.parse(
        await call(`${accountUrl}/envelopes`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            emailSubject: request.emailSubject,
            status: 'sent',
            documents: [
              { documentId: '1', name: request.document.name, fileExtension: 'pdf', documentBase64: Buffer.from(request.document.pdf).toString('base64') },
            ],
            recipients: {
              signers: [{ ...signer, tabs: { signHereTabs: [{ anchorString: '/client-signature/', anchorUnits: 'pixels' }] } }],
            },
            customFields: { textCustomFields: [{ name: 'placementId', value: request.placementId, show: 'false' }] },
          }),
        }),
      );
      return { envelopeId: envelope.envelopeId };
    },
    async signingUrl(request) {
      const { headers, accountUrl } = await session();
      const view = viewSchema.parse(
        await call(`${accountUrl}/envelopes/${encodeURIComponent(request.envelopeId)}/views/recipient`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            returnUrl: request.returnUrl,
            authenticationMethod: 'email',
            email: request.signer.email,
            userName: request.signer.name,
            clientUserId: request.placementId,
          }),
        }),
      );
      return view.url;
    },
    async voidEnvelope(envelopeId, reason) {
      const { headers, accountUrl } = await session();
      const url = `${accountUrl}/envelopes/${encodeURIComponent(envelopeId)}`;
      const response = await send(url, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ status: 'voided', voidedReason: reason }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return;
      const text = await response.text();
      const code = providerErrorCode(text);
      // A retried void of an envelope already voided: what we asked for holds.
      if (response.status === 400 && code === 'ENVELOPE_CANNOT_VOID_INVALID_STATE') {
        const envelope = (await call(url, { method: 'GET', headers })) as { status?: string };
        if (envelope.status === 'voided') return;
      }
      throw new ProviderError('DocuSign', response.status, new URL(url).pathname, code);
    },
  };
}
