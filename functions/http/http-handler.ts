import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { logger } from '../observability/logger';
import { errorResponse } from './respond';

type HttpFunction = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Wraps an HTTP route: structured logging with the request id, and domain errors mapped to JSON. */
export function httpHandler(fn: HttpFunction) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(fn)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: async (request) => {
        if (!(request.error instanceof DomainError)) logger.error('unhandled error', { error: request.error });
        request.response = errorResponse(request.error);
      },
    });
}
