import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  cookiesMustBeSecure,
  isLive,
  needsConsoleHeader,
  sessionCookie,
  sessionFromCookies,
  sessionLifetimeSeconds,
} from '../../../functions/domain/staff-sessions';

const value = 'A'.repeat(20) + '-_' + 'b'.repeat(21);

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Secure and sent to every route, for 8 hours', () => {
    // Act
    const cookie = sessionCookie(value, sessionLifetimeSeconds, true);

    // Assess
    expect(cookie).toBe(`vec_session=${value}; HttpOnly; SameSite=Strict; Secure; Path=/; Max-Age=28800`);
  });

  it('is cleared with the same attributes and no value', () => {
    // Assess
    expect(clearedSessionCookie(true)).toBe('vec_session=; HttpOnly; SameSite=Strict; Secure; Path=/; Max-Age=0');
  });

  it.each([
    ['https://api.agency.example', true],
    ['https://localhost:3000', true],
    ['http://api.agency.example', true],
    ['http://localhost:3000', false],
    ['http://127.0.0.1:4000/', false],
  ])('for an API at %s is Secure: %s', (publicBaseUrl, secure) => {
    // Assess
    expect(cookiesMustBeSecure(publicBaseUrl)).toBe(secure);
  });
});

describe('reading the cookie back', () => {
  it('finds the session among other cookies, in the cookies list or one Cookie header', () => {
    // Assess
    expect(sessionFromCookies(['theme=dark', `vec_session=${value}`])).toBe(value);
    expect(sessionFromCookies([`theme=dark; vec_session=${value}; lang=en`])).toBe(value);
  });

  it('ignores a cookie that is not a session: missing, empty, cut short or of other characters', () => {
    // Assess
    expect(sessionFromCookies([])).toBeUndefined();
    expect(sessionFromCookies(['vec_session='])).toBeUndefined();
    expect(sessionFromCookies([`vec_session=${value.slice(1)}`])).toBeUndefined();
    expect(sessionFromCookies([`vec_session=${value.slice(1)}=`])).toBeUndefined();
    expect(sessionFromCookies([`other_vec_session=${value}`])).toBeUndefined();
  });
});

describe('what a session lets through', () => {
  const session = { sessionHash: 'h'.repeat(64), tokenHash: 't'.repeat(64), createdAt: '2030-04-02T08:00:00Z', expiresAt: '2030-04-02T16:00:00Z' };

  it('is live until it expires, and never once ended', () => {
    // Assess
    expect(isLive(session, new Date('2030-04-02T15:59:59Z'))).toBe(true);
    expect(isLive(session, new Date('2030-04-02T16:00:00Z'))).toBe(false);
    expect(isLive({ ...session, endedAt: '2030-04-02T09:00:00Z' }, new Date('2030-04-02T10:00:00Z'))).toBe(false);
  });

  it("asks for the console's header on everything but reads", () => {
    // Assess
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(needsConsoleHeader)).toEqual([false, false, false, false]);
    expect(['POST', 'PATCH', 'DELETE', 'PUT'].map(needsConsoleHeader)).toEqual([true, true, true, true]);
  });
});
