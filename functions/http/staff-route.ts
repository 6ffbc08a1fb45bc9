import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { routes } from '../../lib/manifest';
import { staffRoles, type StaffRole } from '../domain/staff-roles';
import { Forbidden, Unauthorized } from '../domain/errors';
import type { Actor } from '../domain/placement';
import { logger } from '../observability/logger';
import { httpHandler } from './http-handler';

/**
 * What the staff authorizer hands to the route (API Gateway: `requestContext.authorizer.lambda`). In
 * zod/mini, like the staff credentials' contract: the token routes then load no classic zod at all.
 */
export const staffIdentitySchema = z.object({ name: z.string().check(z.minLength(1)), role: z.enum(staffRoles) });
export type StaffIdentity = z.infer<typeof staffIdentitySchema>;

type RouteKey = (typeof routes)[number] extends infer R ? (R extends { method: infer M; path: infer P; auth: 'staff' } ? `${M & string} ${P & string}` : never) : never;

export interface StaffRequest {
  event: APIGatewayProxyEventV2;
  identity: StaffIdentity;
  actor: Actor;
}

function rolesFor(routeKey: RouteKey): readonly StaffRole[] {
  const route = routes.find((candidate) => `${candidate.method} ${candidate.path}` === routeKey);
  return route && 'roles' in route ? route.roles : [];
}

/** A staff route: who is calling comes from the authorizer, and the manifest says which roles may. */
export function staffRoute(routeKey: RouteKey, fn: (request: StaffRequest) => Promise<APIGatewayProxyStructuredResultV2>) {
  const allowed = rolesFor(routeKey);
  return httpHandler(async (event) => {
    const context = (event.requestContext as { authorizer?: { lambda?: unknown } }).authorizer?.lambda;
    const parsed = staffIdentitySchema.safeParse(context);
    if (!parsed.success) throw new Unauthorized('A staff bearer token is required.');
    const identity = parsed.data;
    // The placement id is the correlation id of every log line about it; the staff name is not logged.
    const placementId = event.pathParameters?.id;
    if (placementId !== undefined) logger.appendKeys({ placementId });
    logger.appendKeys({ role: identity.role });
    if (!allowed.includes(identity.role)) {
      throw new Forbidden(`The ${identity.role} role may not do this; it takes one of: ${allowed.join(', ')}.`);
    }
    return fn({ event, identity, actor: { kind: 'staff', name: identity.name, role: identity.role } });
  });
}
