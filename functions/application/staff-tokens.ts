import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { InvalidInput, NotFound } from '../domain/errors';
import { staffRoles } from '../domain/staff-roles';
import type { StaffToken } from '../domain/staff-tokens';
import type { PageRequest, StaffTokenRepository } from './ports';

/**
 * Staff bearer tokens. The clear token is shown once, when issued; the table keeps only its SHA-256
 * hash with the holder's name and role. A token is identified in listings by a short prefix of
 * that hash, which is also what revoking takes.
 */

export const staffTokenPrefix = 'vec_';
/** How many hex characters of the hash a listing shows as the token's id. */
export const shortIdLength = 12;
const minimumPrefixLength = 6;

/** zod/mini: the authorizer authenticates with this module and must not load classic zod for it. */
export const staffIdentityInputSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  role: z.enum(staffRoles),
});
export type StaffIdentityInput = z.input<typeof staffIdentityInputSchema>;
export type AuthenticatedStaff = z.infer<typeof staffIdentityInputSchema>;

/** A token as listings show it: never the clear token, the hash only with its short id. */
export interface StaffTokenListing extends StaffToken {
  id: string;
}

/** `Authorization: Bearer <token>` (RFC 6750 token68 characters); the scheme is case-insensitive. */
const bearerHeader = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;
const token68 = /^[A-Za-z0-9._~+/-]+=*$/;
const maximumHeaderLength = 1024;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function shortId(tokenHash: string): string {
  return tokenHash.slice(0, shortIdLength);
}

function listing(token: StaffToken): StaffTokenListing {
  return { id: shortId(token.tokenHash), ...token };
}

/** A new token: 32 random bytes, base64url, behind a recognisable prefix (secret scanners can match it). */
export function generateToken(): string {
  return `${staffTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/** Issues a token for this person and role. The returned `token` is the only time it exists in clear. */
export async function issueStaffToken(
  repository: StaffTokenRepository,
  identity: StaffIdentityInput,
  now: Date,
): Promise<{ token: string; issued: StaffTokenListing }> {
  const token = generateToken();
  const issued = await storeToken(repository, token, identity, now);
  return { token, issued };
}

/**
 * Stores a token chosen by the caller (e.g. the local runtime's documented admin token) unless it is
 * stored already; an existing entry, revoked or not, is returned unchanged.
 */
export async function ensureStaffToken(
  repository: StaffTokenRepository,
  token: string,
  identity: StaffIdentityInput,
  now: Date,
): Promise<StaffTokenListing> {
  const existing = await repository.getStaffToken(hashToken(token));
  return existing === undefined ? storeToken(repository, token, identity, now) : listing(existing);
}

async function storeToken(repository: StaffTokenRepository, token: string, identity: StaffIdentityInput, now: Date) {
  const parsed = staffIdentityInputSchema.safeParse(identity);
  if (!parsed.success) throw new InvalidInput('A staff token needs a name and one of the staff roles.');
  const stored: StaffToken = { tokenHash: hashToken(token), ...parsed.data, createdAt: now.toISOString() };
  await repository.putStaffToken(stored);
  return listing(stored);
}

/** Who holds the bearer token in this header, or undefined: missing, malformed, unknown or revoked. */
export async function authenticate(
  repository: StaffTokenRepository,
  authorizationHeader: string | undefined,
): Promise<AuthenticatedStaff | undefined> {
  if (authorizationHeader === undefined || authorizationHeader.length > maximumHeaderLength) return undefined;
  const token = bearerHeader.exec(authorizationHeader.trim())?.[1];
  if (token === undefined) return undefined;
  return authenticateToken(repository, token);
}

/** Who holds this token (as given, without the `Bearer` scheme), or undefined: malformed, unknown or revoked. */
export async function authenticateToken(repository: StaffTokenRepository, token: string): Promise<AuthenticatedStaff | undefined> {
  if (token.length === 0 || token.length > maximumHeaderLength || !token68.test(token)) return undefined;
  return holderOf(repository, hashToken(token));
}

/** The holder of the token with this hash while it is not revoked (a console session checks it at every request). */
export async function holderOf(repository: StaffTokenRepository, tokenHash: string): Promise<AuthenticatedStaff | undefined> {
  const stored = await repository.getStaffToken(tokenHash);
  if (stored === undefined || stored.revokedAt !== undefined) return undefined;
  return { name: stored.name, role: stored.role };
}

/** Every token, oldest first (an eventually consistent listing). */
export async function listStaffTokens(repository: StaffTokenRepository): Promise<StaffTokenListing[]> {
  const tokens: StaffTokenListing[] = [];
  let page: PageRequest = { limit: 100 };
  for (;;) {
    const result = await repository.listStaffTokens(page);
    tokens.push(...result.items.map(listing));
    if (result.nextToken === undefined) return tokens;
    page = { limit: 100, nextToken: result.nextToken };
  }
}

/**
 * Revokes the token whose hash is `hashOrPrefix` or starts with it (at least 6 hex characters; the
 * listing's id always qualifies). Revoking twice keeps the first revocation time.
 */
export async function revokeStaffToken(
  repository: StaffTokenRepository,
  hashOrPrefix: string,
  now: Date,
): Promise<{ revoked: StaffTokenListing; alreadyRevoked: boolean }> {
  const wanted = hashOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(wanted) || wanted.length < minimumPrefixLength || wanted.length > 64) {
    throw new InvalidInput(`Give the token's id: ${minimumPrefixLength} to 64 hex characters of its hash, as the listing shows.`);
  }
  const tokenHash = wanted.length === 64 ? wanted : await hashByPrefix(repository, wanted);
  const revokedAt = now.toISOString();
  const revoked = await repository.revokeStaffToken(tokenHash, revokedAt);
  return { revoked: listing(revoked), alreadyRevoked: revoked.revokedAt !== revokedAt };
}

async function hashByPrefix(repository: StaffTokenRepository, prefix: string): Promise<string> {
  const matches = (await listStaffTokens(repository)).filter((token) => token.tokenHash.startsWith(prefix));
  const [only] = matches;
  if (only === undefined) throw new NotFound(`No staff token has an id starting with ${prefix}.`);
  if (matches.length > 1) {
    throw new InvalidInput(`${matches.length} staff tokens have an id starting with ${prefix}; give more characters.`, {
      matches: matches.map((token) => token.id),
    });
  }
  return only.tokenHash;
}
