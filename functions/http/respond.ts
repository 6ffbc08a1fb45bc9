import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, Unauthorized } from '../domain/errors';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A short page for a person's browser (links from emails), never cached; `form` adds a message box posting back. */
export function htmlPage(
  statusCode: number,
  title: string,
  message: string,
  form?: { action: string; label: string; button: string; hidden?: Record<string, string> },
): APIGatewayProxyStructuredResultV2 {
  const formHtml =
    form === undefined
      ? ''
      : `<form method="post" action="${escapeHtml(form.action)}">${Object.entries(form.hidden ?? {}).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('')}<label for="message">${escapeHtml(form.label)}</label><br><textarea id="message" name="message" rows="8" cols="60" maxlength="4000" required></textarea><br><button type="submit">${escapeHtml(form.button)}</button></form>`;
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:Helvetica,Arial,sans-serif;max-width:560px;margin:48px auto;line-height:1.5"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${formHtml}</body></html>`,
  };
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
