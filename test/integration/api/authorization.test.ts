import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { staffRoles, type StaffRole } from '../../../functions/domain/staff-roles';
import { routes } from '../../../lib/manifest';
import type { apiContract } from '../../../functions/http/api-contract';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { hashToken, issueStaffToken, revokeStaffToken } from '../../../functions/application/staff-tokens';
import { httpRequest } from '../../../local/http';
import { get, patchJson, post, startTestSystem, type LocalSystem, type PlainResponse } from '../../support/local-system';
import { newYorkInterview, selectionBody } from '../../support/fixtures';
import { advanceTo, readPlacement, recordSelection, type PlacementSeen, whatHappened } from '../../support/lifecycle';
import { billingDelivery, billingEventBody, deliver, docusignEvent, unixNow } from '../../support/webhooks';

// Every route of the manifest, called with a token of every role, with none, with a revoked one:
// staff routes let exactly the manifest's roles through; public routes and webhooks ignore tokens.

type RouteKey = keyof typeof apiContract;
type Caller = StaffRole | 'no token' | 'revoked token' | 'unknown token';

let system: LocalSystem;
const tokens = new Map<StaffRole | 'revoked token', string>();
let atOnboarding: PlacementSeen;
let toCancel: PlacementSeen;

const unknownPlacementId = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  const client = createDocumentClient({ endpoint: system.endpoints.dynamodb });
  try {
    const repository = new DynamoPlacementRepository(client, system.tableName);
    for (const role of staffRoles) {
      tokens.set(role, (await issueStaffToken(repository, { name: `A ${role}`, role }, new Date())).token);
    }
    const revoked = await issueStaffToken(repository, { name: 'Gone Away', role: 'admin' }, new Date());
    await revokeStaffToken(repository, hashToken(revoked.token), new Date());
    tokens.set('revoked token', revoked.token);
  } finally {
    client.destroy();
  }
  atOnboarding = await recordSelection(system, newYorkInterview);
  toCancel = await recordSelection(system, { ...newYorkInterview, clientEmail: 'cancel@example.com' });
  await advanceTo(system, '2030-04-02T14:00:00Z'); // the links went out: they can be resent
});

afterAll(async () => {
  await system?.stop();
});

function authorizationFor(caller: Caller): Record<string, string> {
  if (caller === 'no token') return {};
  if (caller === 'unknown token') return { authorization: 'Bearer vec_nobodyHasThisToken0000000000000000000000000' };
  return { authorization: `Bearer ${tokens.get(caller) ?? ''}` };
}

const json = { 'content-type': 'application/json' };

/** One well-formed request per route, so an allowed caller gets the route's normal answer. */
const requests: Record<RouteKey, (headers: Record<string, string>) => Promise<PlainResponse>> = {
  'POST /placements': (headers) =>
    post(
      `${system.baseUrl}/placements`,
      JSON.stringify(selectionBody({ clientTimezone: 'Europe/Madrid', interviewAt: '2030-04-01T09:00:00Z', clientEmail: 'new@example.com' })),
      { ...json, ...headers },
    ),
  'POST /placements/plan': (headers) =>
    post(
      `${system.baseUrl}/placements/plan`,
      JSON.stringify(selectionBody({ clientTimezone: 'Europe/Madrid', interviewAt: '2030-04-01T09:00:00Z', clientEmail: 'plan@example.com' })),
      { ...json, ...headers },
    ),
  'GET /placements': (headers) => get(`${system.baseUrl}/placements?status=AWAITING_ONBOARDING`, headers),
  'GET /placements/{id}': (headers) => get(`${system.baseUrl}/placements/${unknownPlacementId}`, headers),
  'PATCH /placements/{id}': (headers) =>
    patchJson(`${system.baseUrl}/placements/${unknownPlacementId}`, { candidate: { name: 'Ana Souza' } }, headers),
  'GET /placements/{id}/history': (headers) => get(`${system.baseUrl}/placements/${atOnboarding.id}/history?limit=2`, headers),
  'POST /placements/{id}/revoke-certificate': (headers) =>
    post(`${system.baseUrl}/placements/${atOnboarding.id}/revoke-certificate`, JSON.stringify({ reason: 'Issued in error.' }), { ...json, ...headers }),
  'POST /placements/{id}/exam-result': (headers) =>
    post(`${system.baseUrl}/placements/${atOnboarding.id}/exam-result`, JSON.stringify({ score: 90 }), { ...json, ...headers }),
  'POST /placements/{id}/resend-links': (headers) => post(`${system.baseUrl}/placements/${atOnboarding.id}/resend-links`, '', headers),
  'POST /placements/{id}/cancel': (headers) =>
    post(`${system.baseUrl}/placements/${toCancel.id}/cancel`, JSON.stringify({ reason: 'The client chose another candidate.' }), {
      ...json,
      ...headers,
    }),
  'POST /links/{id}/talk-to-us': (headers) =>
    post(`${system.baseUrl}/links/${atOnboarding.id}/talk-to-us?key=not-the-key-of-this-placement`, JSON.stringify({ message: 'Hello' }), {
      ...json,
      ...headers,
    }),
  'POST /placements/{id}/resume': (headers) => post(`${system.baseUrl}/placements/${unknownPlacementId}/resume`, '', headers),
  'GET /cases': (headers) => get(`${system.baseUrl}/cases?status=open`, headers),
  'GET /staff-tokens': (headers) => get(`${system.baseUrl}/staff-tokens`, headers),
  'POST /staff-tokens': (headers) =>
    post(`${system.baseUrl}/staff-tokens`, JSON.stringify({ name: 'New Proctor', role: 'proctor' }), { ...json, ...headers }),
  'POST /staff-tokens/{id}/revoke': (headers) => post(`${system.baseUrl}/staff-tokens/${'0'.repeat(64)}/revoke`, '', headers),
  'POST /cases/{id}/acknowledge': (headers) => post(`${system.baseUrl}/cases/${unknownPlacementId}/acknowledge`, '', headers),
  'POST /cases/{id}/close': (headers) =>
    post(`${system.baseUrl}/cases/${unknownPlacementId}/close`, JSON.stringify({ note: 'Nothing to do.' }), { ...json, ...headers }),
  'POST /placements/{id}/phase': (headers) =>
    post(`${system.baseUrl}/placements/${atOnboarding.id}/phase`, JSON.stringify({ phase: 'II' }), { ...json, ...headers }),
  'GET /links/{id}/check-ins/{number}': (headers) =>
    get(`${system.baseUrl}/links/${atOnboarding.id}/check-ins/1?answer=good&key=not-the-key-of-this-placement`, headers),
  'POST /links/{id}/check-ins/{number}': (headers) =>
    post(`${system.baseUrl}/links/${atOnboarding.id}/check-ins/1?key=not-the-key-of-this-placement`, JSON.stringify({ answer: 'good' }), { ...json, ...headers }),
  'GET /links/{id}/phase/{phase}': (headers) =>
    get(`${system.baseUrl}/links/${atOnboarding.id}/phase/II?key=not-the-key-of-this-placement`, { accept: 'application/json', ...headers }),
  'POST /links/{id}/phase/{phase}': (headers) =>
    post(`${system.baseUrl}/links/${atOnboarding.id}/phase/II?key=not-the-key-of-this-placement`, '', { accept: 'application/json', ...headers }),
  'GET /links/{id}/{document}': (headers) => get(`${system.baseUrl}/links/${atOnboarding.id}/contract?key=not-the-key-of-this-placement`, headers),
  // A program asks for JSON; a browser gets the verification page.
  'GET /certificates/{id}': (headers) => get(`${system.baseUrl}/certificates/01NOTACERTIFICATE0000000000`, { accept: 'application/json', ...headers }),
  'GET /openapi.json': (headers) => get(`${system.baseUrl}/openapi.json`, headers),
  'GET /assets/logo.svg': (headers) => get(`${system.baseUrl}/assets/logo.svg`, headers),
  'GET /console': (headers) => get(`${system.baseUrl}/console`, headers),
  'GET /console/assets/{file}': (headers) => get(`${system.baseUrl}/console/assets/no-such-file.js`, headers),
  // The sign-in reads the token in the body, never the Authorization header.
  'POST /console/session': (headers) =>
    post(`${system.baseUrl}/console/session`, JSON.stringify({ token: 'vec_nobodyHasThisToken0000000000000000000000000' }), { ...json, ...headers }),
  'GET /console/session': (headers) => get(`${system.baseUrl}/console/session`, headers),
  'DELETE /console/session': (headers) => httpRequest(`${system.baseUrl}/console/session`, { method: 'DELETE', headers }),
  'GET /docs': (headers) => get(`${system.baseUrl}/docs`, headers),
  'GET /docs/assets/{file}': (headers) => get(`${system.baseUrl}/docs/assets/no-such-file.js`, headers),
  'POST /webhooks/docusign': (headers) =>
    post(`${system.baseUrl}/webhooks/docusign`, JSON.stringify({ event: 'envelope-completed' }), { ...json, ...headers }),
  'POST /webhooks/billing': (headers) =>
    post(`${system.baseUrl}/webhooks/billing`, JSON.stringify({ type: 'checkout.session.completed' }), { ...json, ...headers }),
};

/** What an allowed caller gets from each route's request above. */
const normalAnswer: Record<RouteKey, number> = {
  'POST /placements': 201,
  'POST /placements/plan': 200, // the plan only: nothing is recorded
  'GET /placements': 200,
  'GET /placements/{id}': 404, // no such placement
  'PATCH /placements/{id}': 404,
  'GET /placements/{id}/history': 200,
  'POST /placements/{id}/revoke-certificate': 409, // no certificate yet
  'POST /placements/{id}/exam-result': 409, // not at its exam
  'POST /placements/{id}/resend-links': 202,
  'POST /placements/{id}/cancel': 200,
  'POST /placements/{id}/resume': 404, // no such placement
  'GET /cases': 200,
  'GET /staff-tokens': 200,
  'POST /staff-tokens': 201,
  'POST /staff-tokens/{id}/revoke': 404, // no token has this hash
  'POST /cases/{id}/acknowledge': 404, // no such case
  'POST /cases/{id}/close': 404,
  'POST /placements/{id}/phase': 409, // not started yet
  'GET /links/{id}/check-ins/{number}': 404, // not this placement's key
  'POST /links/{id}/check-ins/{number}': 404,
  'GET /links/{id}/phase/{phase}': 404,
  'POST /links/{id}/phase/{phase}': 404,
  'GET /links/{id}/{document}': 404, // not this placement's key
  'POST /links/{id}/talk-to-us': 404,
  'GET /certificates/{id}': 404, // no such certificate
  'GET /openapi.json': 200,
  'GET /assets/logo.svg': 200,
  'GET /console': 200, // the page: it signs in by itself
  'GET /console/assets/{file}': 404,
  'POST /console/session': 401, // not a token we issued
  'GET /console/session': 401, // no session cookie
  'DELETE /console/session': 204, // nothing to end: signed out all the same
  'GET /docs': 200, // the viewer: public, like the document it reads
  'GET /docs/assets/{file}': 404,
  'POST /webhooks/docusign': 401, // a bearer token is no signature
  'POST /webhooks/billing': 401,
};

const gatewayBodySchema = z.strictObject({ message: z.string() });
const errorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const callers: Caller[] = [...staffRoles, 'no token', 'revoked token', 'unknown token'];

const routeCases = routes.map((route) => {
  const roles: readonly StaffRole[] = 'roles' in route ? route.roles : [];
  return { key: `${route.method} ${route.path}` as RouteKey, auth: route.auth, roles };
});

describe.each(routeCases)('$key', ({ key, auth, roles }) => {
  it.each(callers)('answers a caller with %s as the manifest says', async (caller) => {
    const response = await requests[key](authorizationFor(caller));
    await system.clock.waitForIdle();

    // The console's page is HTML; every other answer here is JSON.
    const body: unknown = /^application\/json/.test(response.headers['content-type'] ?? '') ? JSON.parse(response.body) : response.body;
    if (auth !== 'staff') {
      expect(response.status, response.body).toBe(normalAnswer[key]);
      if (response.status >= 400) expect(errorBodySchema.safeParse(body).success, response.body).toBe(true);
    } else if (caller === 'no token' || caller === 'revoked token' || caller === 'unknown token') {
      // No identity source is required (a session cookie will do instead), so the authorizer refuses a missing one too.
      expect({ status: response.status, body }).toEqual({ status: 403, body: { message: 'Forbidden' } });
    } else if (roles.includes(caller)) {
      expect(response.status, response.body).toBe(normalAnswer[key]);
      if (response.status >= 400) expect(errorBodySchema.safeParse(body).success, response.body).toBe(true);
      expect(gatewayBodySchema.safeParse(body).success).toBe(false);
    } else {
      expect(response.status, response.body).toBe(403);
      expect(errorBodySchema.parse(body).error.code).toBe('FORBIDDEN');
    }
  });
});

describe('what a refused caller changed', () => {
  it('made only the placements the admin and staff tokens asked for', async () => {
    // Their links were due at once (interviewed the day before, in Madrid), so they went out already.
    const response = await get(`${system.baseUrl}/placements?status=AWAITING_ONBOARDING`, authorizationFor('admin'));
    const listed = z.object({ items: z.array(z.object({ client: z.object({ email: z.string() }) })) }).parse(JSON.parse(response.body));

    expect(listed.items.filter((item) => item.client.email === 'new@example.com')).toHaveLength(2);
    expect(listed.items.filter((item) => item.client.email === 'plan@example.com')).toEqual([]);
  });

  it('cancelled only through the admin and staff tokens, and no exam result was recorded', async () => {
    const cancelled = await readPlacement(system, toCancel.id);
    const examined = await readPlacement(system, atOnboarding.id);

    expect(cancelled.status).toBe('CANCELLED');
    expect((cancelled.history ?? []).filter((entry) => entry.toStatus === 'CANCELLED')).toHaveLength(1);
    expect(examined.status).toBe('AWAITING_ONBOARDING');
    expect(whatHappened(examined, 'LINKS_SENT')).toHaveLength(3); // sent, then resent by admin and staff
  });
});

describe('webhooks', () => {
  it('are authenticated by their signature alone: a signed event is taken without any token', async () => {
    const placement = await readPlacement(system, atOnboarding.id);

    const signed = await deliver(
      docusignEvent(system, { event: 'envelope-completed', envelopeId: placement.contract?.envelopeId ?? '', generatedDateTime: new Date().toISOString() }),
    );
    const funded = await deliver(
      billingDelivery(
        system,
        billingEventBody({
          id: 'evt_authorization_0001',
          type: 'checkout.session.completed',
          created: unixNow(),
          sessionId: placement.reserve?.checkoutSessionId ?? '',
          placementId: placement.id,
          paymentStatus: 'paid',
        }),
      ),
    );
    await system.clock.waitForIdle();

    expect([signed.status, funded.status]).toEqual([200, 200]);
    expect((await readPlacement(system, atOnboarding.id)).status).toBe('READY');
  });
});
