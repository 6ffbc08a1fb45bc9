import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, Unauthorized } from '../domain/errors';

type Headers = NonNullable<APIGatewayProxyStructuredResultV2['headers']>;

/** The pages' only style, as a `<style>` element the policy allows by its hash (no inline script or style otherwise). */
const pageStyle = 'body{font-family:Helvetica,Arial,sans-serif;max-width:560px;margin:48px auto;line-height:1.5}';
const pageStyleHash = createHash('sha256').update(pageStyle, 'utf8').digest('base64');

/**
 * What a page may load: nothing but its own style. Its one form posts back to this API; no site may
 * frame it (clickjacking the "Talk to us" form) and no `<base>` may redirect its links.
 */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${pageStyleHash}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** On every response: the browser takes the declared type as is, and no link tells another site where it came from (the client's link keys are in the URL). */
const everyResponse: Headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

/**
 * Adds the security headers a response lacks: the ones above, and for HTML the page policy. What a
 * handler set itself is kept. httpHandler applies it to every response, hand-built ones included.
 */
export function withSecurityHeaders(response: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const headers = response.headers ?? {};
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const wanted: Headers = /^text\/html\b/i.test(String(contentType ?? '')) ? { ...everyResponse, 'content-security-policy': pageContentSecurityPolicy } : everyResponse;
  const missing = Object.fromEntries(Object.entries(wanted).filter(([name]) => !present.has(name)));
  return { ...response, headers: { ...headers, ...missing } };
}

/** JSON, not stored by any cache unless the caller says otherwise (placements, lists and errors hold personal data). */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return withSecurityHeaders({
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  });
}

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A short page for a person's browser (links from emails), never cached; `form` adds a message box posting back. */
export function htmlPage(
  statusCode: number,
  title: string,
  message: string,
  /** Without a `label` the form is its button alone (a confirmation). */
  form?: { action: string; label?: string; button: string; hidden?: Record<string, string> },
): APIGatewayProxyStructuredResultV2 {
  const messageBox =
    form?.label === undefined
      ? ''
      : `<label for="message">${escapeHtml(form.label)}</label><br><textarea id="message" name="message" rows="8" cols="60" maxlength="4000" required></textarea><br>`;
  const formHtml =
    form === undefined
      ? ''
      : `<form method="post" action="${escapeHtml(form.action)}">${Object.entries(form.hidden ?? {}).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('')}${messageBox}<button type="submit">${escapeHtml(form.button)}</button></form>`;
  return withSecurityHeaders({
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${pageStyle}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${formHtml}</body></html>`,
  });
}

// Checked with instanceof, so a more specific error (a subclass) keeps its family's status.
const statusOf: [abstract new (...args: never[]) => DomainError, number][] = [
  [InvalidInput, 400],
  [Unauthorized, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
];

/** The one place errors become HTTP: `{"error": {"code", "message", "details"?}}`, never a stack trace. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const status = statusOf.find(([type]) => error instanceof type)?.[1] ?? 500;
    const details = error.details === undefined ? {} : { details: error.details };
    return json(status, { error: { code: error.code, message: error.message, ...details } });
  }
  return json(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } });
}
