import * as z from 'zod/mini';

/**
 * Console sessions: a staff member signs in once with their token and the browser then holds only an
 * HttpOnly cookie. The table keeps the session's hash (like a token's), the token it was opened with,
 * and when it expires or was ended; the clear value exists only in the cookie.
 */

export const sessionCookieName = 'vec_session';

/** A working day: long enough for a shift, short enough that a forgotten browser does not stay signed in. */
export const sessionLifetimeSeconds = 8 * 60 * 60;

/** What a state-changing request sent with the cookie must also carry; a cross-site form cannot set a header. */
export const consoleRequestHeader = { name: 'x-requested-with', value: 'console' } as const;

const instantSchema = z.iso.datetime({ offset: true });

/** In zod/mini, like the staff token's: the authorizer reads a session before every console request. */
export const staffSessionSchema = z.object({
  sessionHash: z.string().check(z.minLength(16)),
  /** The token the session was opened with: revoking it ends its sessions too. */
  tokenHash: z.string().check(z.minLength(16)),
  createdAt: instantSchema,
  expiresAt: instantSchema,
  endedAt: z.optional(instantSchema),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

/** 32 random bytes, base64url: what the session cookie holds. */
const sessionValue = /^[A-Za-z0-9_-]{43}$/;

export function isSessionValue(value: string): boolean {
  return sessionValue.test(value);
}

/** The session cookie's value among the request's cookies (`name=value` each), if one is well formed. */
export function sessionFromCookies(cookies: readonly string[]): string | undefined {
  for (const cookie of cookies.flatMap((header) => header.split(';'))) {
    const separator = cookie.indexOf('=');
    if (separator < 0 || cookie.slice(0, separator).trim() !== sessionCookieName) continue;
    const value = cookie.slice(separator + 1).trim();
    if (isSessionValue(value)) return value;
  }
  return undefined;
}

/** Whether a session, as stored, still lets its holder in at `now` (its token is checked apart). */
export function isLive(session: StaffSession, now: Date): boolean {
  return session.endedAt === undefined && Date.parse(session.expiresAt) > now.getTime();
}

/** Reading is safe with the cookie alone; anything that changes state needs the console's header too. */
export function needsConsoleHeader(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/**
 * The Set-Cookie value: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Path=/ (every staff route). `secure: false` only for a local runtime served over http://localhost.
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${sessionCookieName}=${value}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []), 'Path=/', `Max-Age=${maxAgeSeconds}`].join('; ');
}

/** The cookie that makes the browser forget the session. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** Secure cookies everywhere but a local runtime on http://localhost (or its loopback address). */
export function cookiesMustBeSecure(publicBaseUrl: string): boolean {
  const url = new URL(publicBaseUrl);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}
