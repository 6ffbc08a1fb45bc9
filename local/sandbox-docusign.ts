import { createHmac, createPublicKey, createVerify, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { z } from 'zod';
import { escapeHtml, parseJson, readBody, sendError, sendJson } from './http';
import { answerAction, button, deliverWebhook, deliveryList, readReason, sendIndex, sendPage, serveRoute, type WebhookDelivery } from './sandbox-webhooks';

/** The DocuSign eSignature REST subset the adapters call, a page to sign, and signed Connect webhooks. */

const envelopeUpdateSchema = z.object({ status: z.literal('voided'), voidedReason: z.string().min(1).max(200) });

const envelopeDefinitionSchema = z.looseObject({
  emailSubject: z.string().optional(),
  status: z.string().optional(),
  recipients: z
    .looseObject({
      signers: z
        .array(z.looseObject({ email: z.string(), name: z.string(), recipientId: z.string().optional(), clientUserId: z.string().optional() }))
        .optional(),
    })
    .optional(),
  customFields: z.unknown().optional(),
  eventNotification: z.looseObject({ url: z.url() }).optional(),
});

const recipientViewSchema = z.looseObject({
  returnUrl: z.url(),
  userName: z.string().optional(),
  email: z.string().optional(),
  clientUserId: z.string().optional(),
  authenticationMethod: z.string().optional(),
});

type EnvelopeStatus = 'created' | 'sent' | 'completed' | 'declined' | 'voided';
type Action = 'complete' | 'decline' | 'void';

interface Envelope {
  envelopeId: string;
  accountId: string;
  status: EnvelopeStatus;
  emailSubject: string;
  signers: { email: string; name: string; recipientId: string; clientUserId?: string }[];
  customFields?: unknown;
  webhookUrl: string;
  createdDateTime: string;
  sentDateTime?: string;
  statusChangedDateTime: string;
  completedDateTime?: string;
  declinedDateTime?: string;
  declinedReason?: string;
  voidedDateTime?: string;
  voidedReason?: string;
  returnUrl?: string;
  deliveries: WebhookDelivery[];
}

export interface DocuSignSandboxOptions {
  /** Where this sandbox is served, e.g. http://localhost:3004/docusign. */
  baseUrl: string;
  /** The Connect listener: the gateway's /webhooks/docusign. */
  webhookUrl: string;
  hmacKey: () => string;
  /** The integration's DocuSign API credentials (JSON with a PEM privateKey), whose public half checks JWT grants. */
  apiCredentials: () => string;
}

const credentialsSchema = z.looseObject({ integrationKey: z.string(), privateKey: z.string() });
const jwtClaimsSchema = z.looseObject({ iss: z.string(), exp: z.number(), scope: z.string().optional() });

const envelopeDoesNotExist = { errorCode: 'ENVELOPE_DOES_NOT_EXIST', message: 'The envelope specified does not exist.' };
const connectConfigurationId = '10000001';
const localUserId = '00000000-0000-0000-0000-0000000000d5';

export class DocuSignSandbox {
  readonly envelopes = new Map<string, Envelope>();
  private readonly accessTokens = new Set<string>();

  constructor(private readonly options: DocuSignSandboxOptions) {}

  /** Handles `path` (below the sandbox prefix); false when it is not one of this sandbox's routes. */
  async handle(request: http.IncomingMessage, response: http.ServerResponse, path: string): Promise<boolean> {
    // Every REST API path, known or not, needs an access token first.
    if (path.startsWith('/restapi/') && !this.authorized(request)) {
      sendJson(response, 401, { errorCode: 'AUTHORIZATION_INVALID_TOKEN', message: 'The access token provided is expired, revoked or malformed.' });
      return true;
    }
    return serveRoute(request.method ?? 'GET', path, [
      ['GET', /^\/?$/, () => this.index(response)],
      ['POST', /^\/oauth\/token$/, () => this.grantToken(request, response)],
      ['POST', /^\/restapi\/v2\.1\/accounts\/([^/]+)\/envelopes$/, (accountId) => this.createEnvelope(request, response, accountId)],
      ['GET', /^\/restapi\/v2\.1\/accounts\/[^/]+\/envelopes\/([^/]+)$/, (envelopeId) => this.getEnvelope(response, envelopeId)],
      ['PUT', /^\/restapi\/v2\.1\/accounts\/[^/]+\/envelopes\/([^/]+)$/, (envelopeId) => this.updateEnvelope(request, response, envelopeId)],
      ['POST', /^\/restapi\/v2\.1\/accounts\/[^/]+\/envelopes\/([^/]+)\/views\/recipient$/, (envelopeId) => this.recipientView(request, response, envelopeId)],
      ['GET', /^\/sign\/([^/]+)$/, (envelopeId) => this.signingPage(response, envelopeId)],
      ['POST', /^\/envelopes\/([^/]+)\/(complete|decline|void)$/, (envelopeId, action) => this.act(request, response, envelopeId, action as Action)],
    ]);
  }

  /** DocuSign's JWT grant: an RS256 assertion signed with the integration's private key, issued by its integration key. */
  private async grantToken(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(request)).toString('utf8'));
    const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
    const invalid = (description: string) => sendJson(response, 400, { error: 'invalid_grant', error_description: description });
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !header || !claims || !signature) {
      invalid('A JWT-bearer grant with an assertion is required.');
      return;
    }
    const configured = parseJson(Buffer.from(this.options.apiCredentials(), 'utf8'));
    const credentials = credentialsSchema.safeParse(configured.ok ? configured.value : undefined);
    if (!credentials.success) {
      invalid('The sandbox has no integration credentials to check the assertion against.');
      return;
    }
    const publicKey = createPublicKey(credentials.data.privateKey);
    const signed = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
    const decoded = parseJson(Buffer.from(claims, 'base64url'));
    const parsedClaims = decoded.ok ? jwtClaimsSchema.safeParse(decoded.value) : undefined;
    if (!signed || !parsedClaims?.success || parsedClaims.data.iss !== credentials.data.integrationKey) {
      invalid('The assertion is not signed by this integration.');
      return;
    }
    if (parsedClaims.data.exp * 1000 <= Date.now()) {
      invalid('The assertion has expired.');
      return;
    }
    const accessToken = randomUUID();
    this.accessTokens.add(accessToken);
    sendJson(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
  }

  private authorized(request: http.IncomingMessage): boolean {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return match?.[1] !== undefined && this.accessTokens.has(match[1]);
  }

  private async createEnvelope(request: http.IncomingMessage, response: http.ServerResponse, accountId: string): Promise<void> {
    const definition = validBody(response, parseJson(await readBody(request)), envelopeDefinitionSchema);
    if (!definition) return;
    const now = new Date().toISOString();
    const status: EnvelopeStatus = definition.status === 'created' ? 'created' : 'sent';
    const envelope: Envelope = {
      envelopeId: randomUUID(),
      accountId,
      status,
      emailSubject: definition.emailSubject ?? 'Please sign this document',
      signers: (definition.recipients?.signers ?? []).map((signer, index) => ({
        email: signer.email,
        name: signer.name,
        recipientId: signer.recipientId ?? String(index + 1),
        ...(signer.clientUserId === undefined ? {} : { clientUserId: signer.clientUserId }),
      })),
      customFields: definition.customFields,
      webhookUrl: definition.eventNotification?.url ?? this.options.webhookUrl,
      createdDateTime: now,
      ...(status === 'sent' ? { sentDateTime: now } : {}),
      statusChangedDateTime: now,
      deliveries: [],
    };
    this.envelopes.set(envelope.envelopeId, envelope);
    sendJson(response, 201, {
      envelopeId: envelope.envelopeId,
      status: envelope.status,
      statusDateTime: now,
      uri: `/envelopes/${envelope.envelopeId}`,
    });
  }

  private getEnvelope(response: http.ServerResponse, envelopeId: string): void {
    const envelope = this.envelopes.get(envelopeId);
    if (envelope) sendJson(response, 200, this.summary(envelope));
    else sendJson(response, 404, envelopeDoesNotExist);
  }

  private async recipientView(request: http.IncomingMessage, response: http.ServerResponse, envelopeId: string): Promise<void> {
    const envelope = this.envelopes.get(envelopeId);
    const body = parseJson(await readBody(request));
    if (!envelope) {
      sendJson(response, 404, envelopeDoesNotExist);
      return;
    }
    const view = validBody(response, body, recipientViewSchema);
    if (!view) return;
    envelope.returnUrl = view.returnUrl;
    sendJson(response, 201, { url: `${this.options.baseUrl}/sign/${envelope.envelopeId}` });
  }

  private signingPage(response: http.ServerResponse, envelopeId: string): void {
    const envelope = this.envelopes.get(envelopeId);
    if (!envelope) {
      sendPage(response, 404, 'No such envelope', `<p>Envelope ${escapeHtml(envelopeId)} does not exist in this sandbox.</p>`);
      return;
    }
    const signers = envelope.signers.map((signer) => `${escapeHtml(signer.name)} &lt;${escapeHtml(signer.email)}&gt;`).join(', ');
    const actions =
      envelope.status === 'sent'
        ? `<p>${button(`${this.options.baseUrl}/envelopes/${envelope.envelopeId}/complete`, 'Sign')}
${button(`${this.options.baseUrl}/envelopes/${envelope.envelopeId}/decline`, 'Decline to sign', true)}</p>
<p>As the sender: ${button(`${this.options.baseUrl}/envelopes/${envelope.envelopeId}/void`, 'Void the envelope', true)}</p>`
        : `<p>This envelope is <strong>${escapeHtml(envelope.status)}</strong>.</p>`;
    sendPage(
      response,
      200,
      envelope.emailSubject,
      `<table><tr><th>Envelope</th><td>${escapeHtml(envelope.envelopeId)}</td></tr>
<tr><th>Signers</th><td>${signers || '—'}</td></tr>
<tr><th>Status</th><td>${escapeHtml(envelope.status)}</td></tr></table>
${actions}
${deliveryList('Connect deliveries', envelope.deliveries)}`,
    );
  }

  private async act(request: http.IncomingMessage, response: http.ServerResponse, envelopeId: string, action: Action): Promise<void> {
    const reason = await readReason(request);
    const envelope = this.envelopes.get(envelopeId);
    if (!envelope) {
      sendError(response, 404, 'NOT_FOUND', `Envelope ${envelopeId} does not exist in this sandbox.`);
      return;
    }
    const allowed = action === 'void' ? ['created', 'sent'] : ['sent'];
    if (!allowed.includes(envelope.status)) {
      sendError(response, 409, 'CONFLICT', `Envelope ${envelopeId} is ${envelope.status}; it cannot be ${action}d.`);
      return;
    }
    const delivery = await this.changeStatus(envelope, action, reason);
    const returnUrl = envelope.returnUrl
      ? `${envelope.returnUrl}${envelope.returnUrl.includes('?') ? '&' : '?'}event=${action === 'complete' ? 'signing_complete' : action === 'decline' ? 'decline' : 'cancel'}`
      : `${this.options.baseUrl}/sign/${envelope.envelopeId}`;
    answerAction(request, response, returnUrl, { envelope: this.summary(envelope), webhook: delivery });
  }

  /** The sender's envelope update (PUT): only `{"status":"voided","voidedReason":…}`, as DocuSign allows for a sent envelope. */
  private async updateEnvelope(request: http.IncomingMessage, response: http.ServerResponse, envelopeId: string): Promise<void> {
    const update = validBody(response, parseJson(await readBody(request)), envelopeUpdateSchema);
    if (!update) return;
    const envelope = this.envelopes.get(envelopeId);
    if (!envelope) {
      sendJson(response, 404, envelopeDoesNotExist);
      return;
    }
    if (envelope.status !== 'created' && envelope.status !== 'sent') {
      sendJson(response, 400, { errorCode: 'ENVELOPE_CANNOT_VOID_INVALID_STATE', message: `Only sent or created envelopes can be voided; this one is ${envelope.status}.` });
      return;
    }
    await this.changeStatus(envelope, 'void', update.voidedReason);
    sendJson(response, 200, { envelopeId });
  }

  private async changeStatus(envelope: Envelope, action: Action, reason: string | undefined): Promise<WebhookDelivery> {
    const now = new Date().toISOString();
    envelope.statusChangedDateTime = now;
    if (action === 'complete') {
      envelope.status = 'completed';
      envelope.completedDateTime = now;
    } else if (action === 'decline') {
      envelope.status = 'declined';
      envelope.declinedDateTime = now;
      envelope.declinedReason = reason ?? 'Declined in the local sandbox';
    } else {
      envelope.status = 'voided';
      envelope.voidedDateTime = now;
      envelope.voidedReason = reason ?? 'Voided in the local sandbox';
    }
    return this.sendConnectEvent(envelope, `envelope-${envelope.status}`);
  }

  /** DocuSign Connect JSON (SIM), HMAC-SHA256 of the raw body with the Connect key, base64, in X-DocuSign-Signature-1. */
  private async sendConnectEvent(envelope: Envelope, event: string): Promise<WebhookDelivery> {
    const body = JSON.stringify({
      event,
      apiVersion: 'v2.1',
      uri: `/restapi/v2.1/accounts/${envelope.accountId}/envelopes/${envelope.envelopeId}`,
      retryCount: 0,
      configurationId: connectConfigurationId,
      generatedDateTime: new Date().toISOString(),
      data: {
        accountId: envelope.accountId,
        userId: localUserId,
        envelopeId: envelope.envelopeId,
        envelopeSummary: this.summary(envelope),
      },
    });
    const signature = createHmac('sha256', this.options.hmacKey()).update(body, 'utf8').digest('base64');
    const delivery = await deliverWebhook(envelope.webhookUrl, event, body, { 'x-docusign-signature-1': signature });
    envelope.deliveries.push(delivery);
    return delivery;
  }

  private summary(envelope: Envelope) {
    return {
      envelopeId: envelope.envelopeId,
      status: envelope.status,
      emailSubject: envelope.emailSubject,
      createdDateTime: envelope.createdDateTime,
      sentDateTime: envelope.sentDateTime,
      statusChangedDateTime: envelope.statusChangedDateTime,
      completedDateTime: envelope.completedDateTime,
      declinedDateTime: envelope.declinedDateTime,
      voidedDateTime: envelope.voidedDateTime,
      voidedReason: envelope.voidedReason,
      customFields: envelope.customFields,
      recipients: {
        signers: envelope.signers.map((signer) => ({
          ...signer,
          status: envelope.status === 'completed' ? 'completed' : envelope.status === 'declined' ? 'declined' : 'sent',
          ...(envelope.status === 'declined' ? { declinedReason: envelope.declinedReason, declinedDateTime: envelope.declinedDateTime } : {}),
          ...(envelope.status === 'completed' ? { signedDateTime: envelope.completedDateTime } : {}),
        })),
      },
    };
  }

  private index(response: http.ServerResponse): void {
    const rows = [...this.envelopes.values()].map((envelope) => ({
      href: `${this.options.baseUrl}/sign/${envelope.envelopeId}`,
      cells: [envelope.envelopeId, envelope.emailSubject, envelope.status],
    }));
    sendIndex(response, 'DocuSign sandbox', ['Envelope', 'Subject', 'Status'], rows, 'No envelopes yet.');
  }
}

/** The request's JSON body in the shape `schema` wants; undefined once DocuSign's 400 answer is sent. */
function validBody<T>(response: http.ServerResponse, body: ReturnType<typeof parseJson>, schema: z.ZodType<T>): T | undefined {
  const parsed = body.ok ? schema.safeParse(body.value) : undefined;
  if (parsed?.success) return parsed.data;
  sendJson(response, 400, { errorCode: 'INVALID_REQUEST_BODY', message: parsed ? z.prettifyError(parsed.error) : 'The request body is not valid JSON.' });
  return undefined;
}
