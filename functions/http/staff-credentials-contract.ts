import * as z from 'zod/mini';
import { staffRoles } from '../domain/staff-roles';
import type { RouteContract } from './api-contract';

/**
 * The staff tokens' and the console session's part of the API contract (functions/http/api-contract.ts
 * holds it with the rest). Apart because their functions need only these few shapes: building every
 * placement schema would be most of their cold start. The OpenAPI document reads them all the same
 * (`register` with an id is what `.meta({ id })` is in classic zod).
 */

const staffRoleSchema = z.enum(staffRoles);
const staffErrors = [400, 401, 403];
function withId<T extends z.ZodMiniType>(schema: T, id: string): T {
  z.globalRegistry.add(schema, { id });
  return schema;
}

/** A staff token as an admin sees it: its holder and role, identified by its hash; never the token itself. */
export const staffTokenViewSchema = withId(
  z.object({
    /** The token's SHA-256 hash (hex): what revoking takes. */
    id: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    createdAt: z.string(),
    revokedAt: z.optional(z.string()),
  }),
  'StaffToken',
);
export const staffTokenListSchema = withId(z.object({ items: z.array(staffTokenViewSchema) }), 'StaffTokenList');
/** The one answer that holds the token in clear: it is not stored, so it cannot be shown again. */
export const issuedStaffTokenSchema = withId(z.extend(staffTokenViewSchema, { token: z.string() }), 'IssuedStaffToken');
export const issueStaffTokenRequestSchema = withId(
  z.object({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), role: staffRoleSchema }),
  'IssueStaffTokenRequest',
);
/** The listing's id (the whole hash) or, as the CLI shows it, a prefix of at least 6 hex characters. */
export const staffTokenIdParametersSchema = z.object({ id: z.string().check(z.regex(/^[0-9a-fA-F]{6,64}$/)) });

/** The console's sign-in: the staff token, exchanged for a session cookie; never stored by the page. */
export const signInRequestSchema = withId(z.object({ token: z.string().check(z.trim(), z.minLength(1), z.maxLength(1024)) }), 'SignInRequest');
export const consoleSessionSchema = withId(
  z.object({ name: z.string(), role: staffRoleSchema, expiresAt: z.iso.datetime({ offset: true }) }),
  'ConsoleSession',
);
/** With the session cookie, a request that changes anything carries this header too (a cross-site form cannot). */
export const consoleRequestHeadersSchema = z.object({ 'x-requested-with': z.literal('console') });

export const staffTokenRoutes = {
  'GET /staff-tokens': {
    summary: "Admins: every staff token, oldest first, by holder, role, when issued and revoked; the id is the token's hash, never the token",
    responses: { 200: staffTokenListSchema },
    errors: staffErrors,
  },
  'POST /staff-tokens': {
    summary: 'Admins: issue a staff token for a person and role; the answer holds the token in clear, the only time it is shown (only its hash is stored)',
    body: issueStaffTokenRequestSchema,
    responses: { 201: issuedStaffTokenSchema },
    errors: staffErrors,
  },
  'POST /staff-tokens/{id}/revoke': {
    summary: 'Admins: revoke a staff token (its id, or a prefix of 6+ characters); its bearer and console sessions are refused from then on. Again, it keeps the first revocation time',
    pathParameters: staffTokenIdParametersSchema,
    responses: { 200: staffTokenViewSchema },
    // 400: a prefix more than one token shares; 404: no such token.
    errors: [...staffErrors, 404],
  },
} satisfies Record<string, RouteContract>;

export const consoleSessionRoutes = {
  'POST /console/session': {
    summary:
      'Sign in to the console: a staff token for an 8-hour session in the vec_session cookie (HttpOnly, SameSite=Strict, Secure, Path=/), which every staff route then accepts instead of the bearer token',
    body: signInRequestSchema,
    responses: { 200: consoleSessionSchema },
    // 401: the token is unknown or revoked.
    errors: [400, 401],
  },
  'GET /console/session': {
    summary: "Who the session cookie signs in, and until when; 401 when there is no live session (expired, signed out, or its token revoked)",
    responses: { 200: consoleSessionSchema },
    errors: [401],
  },
  'DELETE /console/session': {
    summary: 'Sign out: ends the session for good (a copy of the cookie stops working too) and clears the cookie; answers 204 with no body',
    headers: consoleRequestHeadersSchema,
    responses: {},
    // 403: the session cookie came without X-Requested-With: console.
    errors: [403],
  },
} satisfies Record<string, RouteContract>;
