import { randomBytes } from 'node:crypto';
import { Unauthorized } from '../domain/errors';
import { isLive, isSessionValue, sessionLifetimeSeconds } from '../domain/staff-sessions';
import type { StaffSessionRepository, StaffTokenRepository } from './ports';
import { authenticateToken, hashToken, holderOf, type AuthenticatedStaff } from './staff-tokens';

/**
 * The console's sign-in: a staff token is exchanged once for a session the browser holds in an
 * HttpOnly cookie. A session lets in whom its token lets in, while its token is not revoked, until it
 * expires or is ended; the table keeps only the session's hash.
 */

export type SessionStore = StaffTokenRepository & StaffSessionRepository;

export interface LiveSession extends AuthenticatedStaff {
  expiresAt: string;
}

export interface SignedIn extends LiveSession {
  /** The cookie's value: in clear only here, on its way to the browser. */
  session: string;
}

/** Opens a session for the token's holder; Unauthorized for a token that is unknown, revoked or malformed. */
export async function signIn(store: SessionStore, token: string, now: Date): Promise<SignedIn> {
  const holder = await authenticateToken(store, token);
  if (holder === undefined) throw new Unauthorized('This staff token is not one we issued, or it was revoked.');
  const session = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionLifetimeSeconds * 1000).toISOString();
  await store.putStaffSession({ sessionHash: hashToken(session), tokenHash: hashToken(token), createdAt: now.toISOString(), expiresAt });
  return { ...holder, expiresAt, session };
}

/** Who holds this session at `now`, or undefined: unknown, expired, ended, or its token revoked since. */
export async function resolveSession(store: SessionStore, session: string | undefined, now: Date): Promise<LiveSession | undefined> {
  if (session === undefined || !isSessionValue(session)) return undefined;
  const stored = await store.getStaffSession(hashToken(session));
  if (stored === undefined || !isLive(stored, now)) return undefined;
  const holder = await holderOf(store, stored.tokenHash);
  return holder === undefined ? undefined : { ...holder, expiresAt: stored.expiresAt };
}

/** Ends the session for good: a copy of the cookie stops working too. Nothing to end is not an error. */
export async function signOut(store: SessionStore, session: string | undefined, now: Date): Promise<void> {
  if (session === undefined || !isSessionValue(session)) return;
  await store.endStaffSession(hashToken(session), now.toISOString());
}
