import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { logger } from '../observability/logger';
import { errorResponse, withSecurityHeaders } from './respond';

type HttpFunction = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Wraps an HTTP route: structured logging with the request id, domain errors mapped to JSON, and the
 * security headers on every response (a redirect or page a handler builds itself included).
 */
export function httpHandler(fn: HttpFunction) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(fn)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      after: async (request) => {
        request.response = withSecurityHeaders(request.response);
      },
    })
    .use({
      onError: async (request) => {
        if (!(request.error instanceof DomainError)) logger.error('unhandled error', { error: request.error });
        request.response = errorResponse(request.error);
      },
    });
}
