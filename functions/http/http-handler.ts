import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { loggedHandler, logger } from '../observability/logger';
import type { PageAgency } from './pages';
import { prefersJson, prefersPage } from './request';
import { errorResponse, withSecurityHeaders } from './respond';

type HttpFunction = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpHandlerOptions {
  /**
   * A public route people open: its errors are the agency's page in plain words, to a browser
   * (`browsers`: Accept prefers HTML), or to anyone who did not ask for JSON (`unlessJsonAsked`: the
   * certificate page, opened from a QR code or a printed link). Staff routes keep JSON: the console
   * calls them with fetch.
   */
  errorPages?: { agency: PageAgency; to: 'browsers' | 'unlessJsonAsked' };
}

/**
 * Wraps an HTTP route: structured logging with the request id, domain errors mapped to JSON (or a page
 * for a person), and the security headers on every response (a redirect or page a handler builds
 * itself included).
 */
export function httpHandler(fn: HttpFunction, options: HttpHandlerOptions = {}) {
  const { errorPages } = options;
  const pageFor = (event: APIGatewayProxyEventV2): PageAgency | undefined => {
    if (errorPages === undefined) return undefined;
    const wanted = errorPages.to === 'browsers' ? prefersPage(event) : !prefersJson(event);
    return wanted ? errorPages.agency : undefined;
  };
  return loggedHandler(async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return withSecurityHeaders(await fn(event, context));
    } catch (error) {
      if (!(error instanceof DomainError)) logger.error('unhandled error', { error });
      return errorResponse(error, pageFor(event));
    }
  });
}
