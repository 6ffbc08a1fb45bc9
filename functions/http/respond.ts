import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Conflict, DomainError, Forbidden, InvalidInput, NotBuiltYet, NotFound, Unauthorized } from '../domain/errors';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

// Checked with instanceof, so a more specific error (a subclass) keeps its family's status.
const statusOf: [abstract new (...args: never[]) => DomainError, number][] = [
  [InvalidInput, 400],
  [Unauthorized, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [NotBuiltYet, 501],
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
