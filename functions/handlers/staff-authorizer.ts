import type { APIGatewaySimpleAuthorizerResult, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { resolveSession } from '../application/staff-sessions';
import { authenticate, type AuthenticatedStaff } from '../application/staff-tokens';
import { consoleRequestHeader, needsConsoleHeader, sessionFromCookies } from '../domain/staff-sessions';
import { loggedHandler, logger } from '../observability/logger';
import { staffCredentials } from '../wiring/staff-credentials';

/**
 * The parts of an HTTP API (payload 2.0) REQUEST authorizer event this authorizer reads. In zod/mini:
 * the authorizer runs before every staff request, and classic zod alone would cost more than its code.
 */
const authorizerEventSchema = z.object({
  type: z.literal('REQUEST'),
  identitySource: z.nullish(z.array(z.string())),
  headers: z.nullish(z.record(z.string(), z.string())),
  // Payload 2.0 moves the Cookie header here.
  cookies: z.nullish(z.array(z.string())),
  requestContext: z.optional(z.object({ http: z.optional(z.object({ method: z.string() })) })),
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
    const staff = await authenticate(staffCredentials, authorization);
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
  const live = await resolveSession(staffCredentials, session, new Date());
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

export const handler = loggedHandler(authorize);
