import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewaySimpleAuthorizerResult, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { z } from 'zod';
import { authenticate, type AuthenticatedStaff } from '../application/staff-tokens';
import { logger } from '../observability/logger';
import { placements } from '../wiring/placements';

/** The parts of an HTTP API (payload 2.0) REQUEST authorizer event this authorizer reads. */
const authorizerEventSchema = z.object({
  type: z.literal('REQUEST'),
  identitySource: z.array(z.string()).nullish(),
  headers: z.record(z.string(), z.string()).nullish(),
});

type AuthorizerResult = APIGatewaySimpleAuthorizerResult | APIGatewaySimpleAuthorizerWithContextResult<AuthenticatedStaff>;

function authorizationHeader(event: z.infer<typeof authorizerEventSchema>): string | undefined {
  const fromHeaders = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return fromHeaders ?? event.identitySource?.[0];
}

/**
 * Simple responses: who the token belongs to and their role, for staff-route.ts to check against
 * the route's roles. Neither the token nor its hash is ever logged.
 */
async function authorize(event: unknown): Promise<AuthorizerResult> {
  const parsed = authorizerEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('authorizer event is not an HTTP API REQUEST event; denying');
    return { isAuthorized: false };
  }
  const staff = await authenticate(placements, authorizationHeader(parsed.data));
  if (staff === undefined) {
    logger.info('staff bearer token refused');
    return { isAuthorized: false };
  }
  return { isAuthorized: true, context: { name: staff.name, role: staff.role } };
}

export const handler = middy(authorize).use(injectLambdaContext(logger));
