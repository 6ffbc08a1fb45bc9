import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { hashToken, issueStaffToken, revokeStaffToken } from '../../../functions/application/staff-tokens';
import { httpRequest } from '../../../local/http';
import { advanceClock, get, json, post, postJson, startTestSystem, type LocalSystem, type PlainResponse } from '../../support/local-system';
import { newYorkInterview, selectionBody } from '../../support/fixtures';

// The console signs in once with a staff token and then holds only the session cookie: every staff
// route takes it as it takes the bearer token, state-changing requests only with the console's header.

let system: LocalSystem;
let repository: DynamoPlacementRepository;
let destroyClient: () => void;

const sessionSchema = z.strictObject({ name: z.string(), role: z.string(), expiresAt: z.iso.datetime({ offset: true }) });
const fromConsole = { 'x-requested-with': 'console' };
const placementsPath = '/placements?status=AWAITING_ONBOARDING';

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  const client = createDocumentClient({ endpoint: system.endpoints.dynamodb });
  repository = new DynamoPlacementRepository(client, system.tableName);
  destroyClient = () => client.destroy();
});

afterAll(async () => {
  destroyClient?.();
  await system?.stop();
});

async function tokenFor(name: string, role: 'admin' | 'staff' | 'proctor' | 'mentor'): Promise<string> {
  return (await issueStaffToken(repository, { name, role }, new Date())).token;
}

function signIn(token: string): Promise<PlainResponse> {
  return postJson(`${system.baseUrl}/console/session`, { token });
}

/** The Set-Cookie headers of a response (node:http gives them as a list). */
function setCookies(response: PlainResponse): string[] {
  const header = response.headers['set-cookie'];
  return header === undefined ? [] : ([] as string[]).concat(header);
}

/** What the browser sends back: `vec_session=<value>`, from the response that set it. */
function cookieFrom(response: PlainResponse): string {
  const [cookie] = setCookies(response);
  const pair = cookie?.split(';')[0];
  if (pair === undefined || !pair.startsWith('vec_session=')) throw new Error(`no session cookie in ${JSON.stringify(response.headers)}`);
  return pair;
}

async function signedInCookie(name: string, role: 'admin' | 'staff' | 'proctor' | 'mentor'): Promise<{ token: string; cookie: string }> {
  const token = await tokenFor(name, role);
  return { token, cookie: cookieFrom(await signIn(token)) };
}

function createPlacement(headers: Record<string, string>, clientEmail: string): Promise<PlainResponse> {
  const body = selectionBody({ ...newYorkInterview, clientEmail });
  return post(`${system.baseUrl}/placements`, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

describe('signing in', () => {
  it('exchanges a staff token for an 8-hour session cookie the page cannot read, and says who signed in', async () => {
    // Prepare
    const token = await tokenFor('Ana Ruiz', 'staff');

    // Act
    const response = await signIn(token);

    // Assess
    expect(response.status, response.body).toBe(200);
    const session = sessionSchema.parse(json(response));
    expect(session).toMatchObject({ name: 'Ana Ruiz', role: 'staff' });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(8 * 3600 * 1000 - 60_000);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeLessThanOrEqual(8 * 3600 * 1000);
    const [cookie, ...others] = setCookies(response);
    expect(others).toEqual([]);
    const [pair, ...attributes] = (cookie ?? '').split('; ');
    expect(pair).toMatch(/^vec_session=[A-Za-z0-9_-]{43}$/);
    // Served over http://localhost, the local runtime leaves out Secure (browsers would drop the cookie otherwise).
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=28800', 'Path=/', 'SameSite=Strict']);
    expect(JSON.stringify(json(response))).not.toContain(token);
    expect(cookie).not.toContain(token);
  });

  it.each([
    ['an unknown token', { token: 'vec_nobodyHasThisToken0000000000000000000000000' }, 401],
    ['a token that is not even shaped like one', { token: 'not a token at all' }, 401],
    ['no token', {}, 400],
  ])('refuses %s with a JSON error and sets no cookie', async (_what, body, status) => {
    // Act
    const response = await postJson(`${system.baseUrl}/console/session`, body);

    // Assess
    expect(response.status).toBe(status);
    expect(json(response)).toMatchObject({ error: { code: status === 401 ? 'UNAUTHORIZED' : 'INVALID_INPUT' } });
    expect(setCookies(response)).toEqual([]);
  });

  it('refuses a revoked token', async () => {
    // Prepare
    const token = await tokenFor('Gone Away', 'admin');
    await revokeStaffToken(repository, hashToken(token), new Date());

    // Act
    const response = await signIn(token);

    // Assess
    expect(response.status).toBe(401);
    expect(setCookies(response)).toEqual([]);
  });

  it('tells the console who the cookie signs in, and answers 401 without one', async () => {
    // Prepare
    const { cookie } = await signedInCookie('Ben Okafor', 'mentor');

    // Act
    const signedIn = await get(`${system.baseUrl}/console/session`, { cookie });
    const anonymous = await get(`${system.baseUrl}/console/session`);

    // Assess
    expect(signedIn.status).toBe(200);
    expect(sessionSchema.parse(json(signedIn))).toMatchObject({ name: 'Ben Okafor', role: 'mentor' });
    expect(anonymous.status).toBe(401);
    expect(json(anonymous)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});

describe('the cookie on staff routes', () => {
  it('reads with the cookie alone', async () => {
    // Prepare
    const { cookie } = await signedInCookie('Cy Staff', 'staff');

    // Act
    const response = await get(`${system.baseUrl}${placementsPath}`, { cookie });

    // Assess
    expect(response.status, response.body).toBe(200);
    expect(json(response)).toMatchObject({ items: expect.any(Array) });
  });

  it("refuses a change sent with the cookie but without the console's header (what a cross-site form would send)", async () => {
    // Prepare
    const { cookie } = await signedInCookie('Di Staff', 'staff');

    // Act
    const withoutHeader = await createPlacement({ cookie }, 'csrf@example.com');
    const withAnotherValue = await createPlacement({ cookie, 'x-requested-with': 'XMLHttpRequest' }, 'csrf@example.com');
    await system.clock.waitForIdle();
    const listed = await get(`${system.baseUrl}${placementsPath}`, { cookie });

    // Assess
    expect({ status: withoutHeader.status, body: json(withoutHeader) }).toEqual({ status: 403, body: { message: 'Forbidden' } });
    expect(withAnotherValue.status).toBe(403);
    expect(JSON.stringify(json(listed))).not.toContain('csrf@example.com');
  });

  it("makes the change with the console's header, recorded as the person who signed in", async () => {
    // Prepare
    const { cookie } = await signedInCookie('Eve Staff', 'staff');

    // Act
    const response = await createPlacement({ cookie, ...fromConsole }, 'console@example.com');
    await system.clock.waitForIdle();
    const { id } = z.object({ id: z.string() }).parse(json(response));
    const seen = await get(`${system.baseUrl}/placements/${id}`, { cookie });

    // Assess
    expect(response.status, response.body).toBe(201);
    const placement = z.object({ client: z.object({ email: z.string() }), history: z.array(z.object({ by: z.record(z.string(), z.unknown()) })) }).parse(json(seen));
    expect(placement.client.email).toBe('console@example.com');
    expect(placement.history[0]?.by).toMatchObject({ kind: 'staff', name: 'Eve Staff', role: 'staff' });
  });

  it("keeps the role's limits: a proctor's session may not record a selection", async () => {
    // Prepare
    const { cookie } = await signedInCookie('Fay Proctor', 'proctor');

    // Act
    const response = await createPlacement({ cookie, ...fromConsole }, 'proctor@example.com');

    // Assess
    expect(response.status).toBe(403);
    expect(json(response)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('lets a bearer token decide when both are sent: a wrong token is refused even beside a live cookie', async () => {
    // Prepare
    const { cookie } = await signedInCookie('Gus Staff', 'staff');

    // Act
    const response = await get(`${system.baseUrl}${placementsPath}`, { cookie, authorization: 'Bearer vec_wrong' });

    // Assess
    expect(response.status).toBe(403);
  });
});

describe('when a session stops working', () => {
  it('ends on sign-out: the cookie is cleared, and a copy of it no longer works', async () => {
    // Prepare
    const { cookie } = await signedInCookie('Hal Staff', 'staff');

    // Act
    const signOut = await httpRequest(`${system.baseUrl}/console/session`, { method: 'DELETE', headers: { cookie, ...fromConsole } });
    const afterwards = await get(`${system.baseUrl}${placementsPath}`, { cookie });
    const asked = await get(`${system.baseUrl}/console/session`, { cookie });

    // Assess
    expect(signOut.status).toBe(204);
    expect(signOut.body).toBe('');
    expect(setCookies(signOut)).toEqual(['vec_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0']);
    expect(afterwards.status).toBe(403);
    expect(asked.status).toBe(401);
  });

  it("refuses a sign-out sent with the cookie but without the console's header, and the session lives on", async () => {
    // Prepare
    const { cookie } = await signedInCookie('Ida Staff', 'staff');

    // Act
    const signOut = await httpRequest(`${system.baseUrl}/console/session`, { method: 'DELETE', headers: { cookie } });
    const afterwards = await get(`${system.baseUrl}/console/session`, { cookie });

    // Assess
    expect(signOut.status).toBe(403);
    expect(afterwards.status).toBe(200);
  });

  it('stops when its token is revoked', async () => {
    // Prepare
    const { token, cookie } = await signedInCookie('Jo Leaving', 'staff');
    await revokeStaffToken(repository, hashToken(token), new Date());

    // Act
    const response = await get(`${system.baseUrl}${placementsPath}`, { cookie });
    const asked = await get(`${system.baseUrl}/console/session`, { cookie });

    // Assess
    expect(response.status).toBe(403);
    expect(asked.status).toBe(401);
  });

  it('expires after 8 hours', async () => {
    // Prepare
    const { cookie } = await signedInCookie('Kim Staff', 'staff');
    await advanceClock(system, { advanceBy: 'PT7H50M' });
    const nearlyThere = await get(`${system.baseUrl}${placementsPath}`, { cookie });

    // Act
    await advanceClock(system, { advanceBy: 'PT11M' });
    const expired = await get(`${system.baseUrl}${placementsPath}`, { cookie });
    const asked = await get(`${system.baseUrl}/console/session`, { cookie });

    // Assess
    expect(nearlyThere.status).toBe(200);
    expect(expired.status).toBe(403);
    expect(asked.status).toBe(401);
  });
});
