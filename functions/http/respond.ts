import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, Unauthorized } from '../domain/errors';
import { errorPage, renderPage, type Page, type PageAgency } from './pages';

type Headers = NonNullable<APIGatewayProxyStructuredResultV2['headers']>;

/**
 * The policy of an HTML response that brought none of its own: it may load nothing, post its form only
 * back here, and be framed by no site. Pages from htmlPage carry pagePolicy (pages.ts), which adds
 * their style by its hash and their logo.
 */
export const pageContentSecurityPolicy = ["default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"].join('; ');

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

/** A page for a person's browser in the agency's layout (pages.ts), never cached unless `headers` say otherwise. */
export function htmlPage(agency: PageAgency, page: Page, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  const { html, contentSecurityPolicy } = renderPage(agency, page);
  return withSecurityHeaders({
    statusCode: page.status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': contentSecurityPolicy, ...headers },
    body: html,
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

/**
 * The one place errors become HTTP: `{"error": {"code", "message", "details"?}}`, never a stack trace;
 * for a person's browser (`pageFor`: the agency whose page it is), a page in plain words instead.
 */
export function errorResponse(error: unknown, pageFor?: PageAgency): APIGatewayProxyStructuredResultV2 {
  const status = error instanceof DomainError ? (statusOf.find(([type]) => error instanceof type)?.[1] ?? 500) : 500;
  if (pageFor !== undefined) return htmlPage(pageFor, errorPage(error, status));
  if (error instanceof DomainError) {
    const details = error.details === undefined ? {} : { details: error.details };
    return json(status, { error: { code: error.code, message: error.message, ...details } });
  }
  return json(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } });
}
