import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewaySimpleAuthorizerResult, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { z } from 'zod';
import { resolveSession } from '../application/staff-sessions';
import { authenticate, type AuthenticatedStaff } from '../application/staff-tokens';
import { consoleRequestHeader, needsConsoleHeader, sessionFromCookies } from '../domain/staff-sessions';
import { logger } from '../observability/logger';
import { placements } from '../wiring/placements';

/** The parts of an HTTP API (payload 2.0) REQUEST authorizer event this authorizer reads. */
const authorizerEventSchema = z.object({
  type: z.literal('REQUEST'),
  identitySource: z.array(z.string()).nullish(),
  headers: z.record(z.string(), z.string()).nullish(),
  // Payload 2.0 moves the Cookie header here.
  cookies: z.array(z.string()).nullish(),
  requestContext: z.object({ http: z.object({ method: z.string() }).optional() }).optional(),
});
type AuthorizerEvent = z.infer<typeof authorizerEventSchema>;

type AuthorizerResult = APIGatewaySimpleAuthorizerResult | APIGatewaySimpleAuthorizerWithContextResult<AuthenticatedStaff>;

function header(event: AuthorizerEvent, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

function authorizationHeader(event: AuthorizerEvent): string | undefined {
  return header(event, 'authorization') ?? event.identitySource?.[0];
}

/**
 * A bearer token, or else the console's session cookie. The cookie is sent by the browser on its own,
 * so with it a request that changes anything must also carry the console's header (CSRF).
 */
async function identify(event: AuthorizerEvent): Promise<AuthenticatedStaff | undefined> {
  const authorization = authorizationHeader(event);
  if (authorization !== undefined) {
    const staff = await authenticate(placements, authorization);
    if (staff === undefined) logger.info('staff bearer token refused');
    return staff;
  }
  const cookieHeader = header(event, 'cookie');
  const session = sessionFromCookies([...(event.cookies ?? []), ...(cookieHeader === undefined ? [] : [cookieHeader])]);
  if (session === undefined) {
    logger.info('no bearer token and no console session');
    return undefined;
  }
  const method = event.requestContext?.http?.method ?? 'POST';
  if (needsConsoleHeader(method) && header(event, consoleRequestHeader.name) !== consoleRequestHeader.value) {
    logger.info('console session without the console header on a state-changing request; denying');
    return undefined;
  }
  const live = await resolveSession(placements, session, new Date());
  if (live === undefined) logger.info('console session refused: unknown, expired, ended, or its token revoked');
  return live === undefined ? undefined : { name: live.name, role: live.role };
}

/**
 * Simple responses: who the token (or session) belongs to and their role, for staff-route.ts to check
 * against the route's roles. Neither the token, the session nor their hashes is ever logged.
 */
async function authorize(event: unknown): Promise<AuthorizerResult> {
  const parsed = authorizerEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('authorizer event is not an HTTP API REQUEST event; denying');
    return { isAuthorized: false };
  }
  const staff = await identify(parsed.data);
  if (staff === undefined) return { isAuthorized: false };
  return { isAuthorized: true, context: { name: staff.name, role: staff.role } };
}

export const handler = middy(authorize).use(injectLambdaContext(logger));
