import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashToken } from '../../../functions/application/staff-tokens';
import { get, json, post, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';
import { admin } from '../../support/lifecycle';

// Admins manage staff tokens over the API as the CLI does: the token is in clear in the answer that
// issues it and nowhere else; listings identify tokens by hash; a revoked token opens nothing.

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
});

afterAll(async () => {
  await system?.stop();
});

const issuedSchema = z.strictObject({ id: z.string(), name: z.string(), role: z.string(), createdAt: z.string(), token: z.string() });
const listedSchema = z.object({
  items: z.array(z.strictObject({ id: z.string(), name: z.string(), role: z.string(), createdAt: z.string(), revokedAt: z.string().optional() })),
});

async function issue(name: string, role: string, headers: Record<string, string> = admin) {
  return postJson(`${system.baseUrl}/staff-tokens`, { name, role }, headers);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('issuing a staff token', () => {
  it('answers the new token once, in clear, with its hash as id; the token then works for its role', async () => {
    // Act
    const response = await issue('Pat Proctor', 'proctor');

    // Assess
    expect(response.status, response.body).toBe(201);
    const issued = issuedSchema.parse(json(response));
    expect(issued).toMatchObject({ name: 'Pat Proctor', role: 'proctor', id: hashToken(issued.token) });
    expect(issued.token).toMatch(/^vec_/);
    expect((await get(`${system.baseUrl}/placements?status=EXAM`, bearer(issued.token))).status).toBe(200);
    expect((await get(`${system.baseUrl}/staff-tokens`, bearer(issued.token))).status).toBe(403);
  });

  it('refuses a name-less request or a role that is none of the staff roles', async () => {
    // Act
    const noName = await issue('  ', 'staff');
    const noRole = await issue('Someone', 'owner');

    // Assess
    expect([noName.status, noRole.status]).toEqual([400, 400]);
  });
});

describe('listing staff tokens', () => {
  it('shows every token by holder, role and hash, and never a token itself', async () => {
    // Arrange
    const issued = issuedSchema.parse(json(await issue('Sam Staff', 'staff')));

    // Act
    const response = await get(`${system.baseUrl}/staff-tokens`, admin);

    // Assess
    expect(response.status).toBe(200);
    const listed = listedSchema.parse(json(response));
    expect(listed.items).toContainEqual({ id: issued.id, name: 'Sam Staff', role: 'staff', createdAt: issued.createdAt });
    expect(listed.items.map((token) => token.name)).toContain('Local admin');
    expect(response.body).not.toContain(issued.token);
    expect(response.body).not.toMatch(/vec_|local-admin-token/);
  });
});

describe('revoking a staff token', () => {
  it('stops the token at once, says when in the listing, and keeps the first time when revoked again', async () => {
    // Arrange
    const issued = issuedSchema.parse(json(await issue('Gone Soon', 'staff')));
    expect((await get(`${system.baseUrl}/placements?status=EXAM`, bearer(issued.token))).status).toBe(200);

    // Act
    const revoked = await post(`${system.baseUrl}/staff-tokens/${issued.id}/revoke`, '', admin);
    const again = await post(`${system.baseUrl}/staff-tokens/${issued.id.slice(0, 12)}/revoke`, '', admin);

    // Assess
    expect(revoked.status, revoked.body).toBe(200);
    const { revokedAt } = z.object({ revokedAt: z.string() }).parse(json(revoked));
    expect(again.status).toBe(200);
    expect(z.object({ revokedAt: z.string() }).parse(json(again)).revokedAt).toBe(revokedAt);
    expect((await get(`${system.baseUrl}/placements?status=EXAM`, bearer(issued.token))).status).toBe(403);
    const listed = listedSchema.parse(json(await get(`${system.baseUrl}/staff-tokens`, admin)));
    expect(listed.items.find((token) => token.id === issued.id)?.revokedAt).toBe(revokedAt);
  });

  it('ends the console session the token opened', async () => {
    // Arrange
    const issued = issuedSchema.parse(json(await issue('Console User', 'mentor')));
    const signedIn = await postJson(`${system.baseUrl}/console/session`, { token: issued.token });
    const [setCookie] = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []);
    const cookie = setCookie?.split(';')[0] ?? '';
    expect((await get(`${system.baseUrl}/cases?status=open`, { cookie })).status).toBe(200);

    // Act
    await post(`${system.baseUrl}/staff-tokens/${issued.id}/revoke`, '', admin);

    // Assess
    expect((await get(`${system.baseUrl}/cases?status=open`, { cookie })).status).toBe(403);
  });

  it('answers 404 for a hash no token has and 400 for an id that is not hex', async () => {
    // Act
    const unknown = await post(`${system.baseUrl}/staff-tokens/${'0'.repeat(64)}/revoke`, '', admin);
    const notHex = await post(`${system.baseUrl}/staff-tokens/not-a-hash/revoke`, '', admin);

    // Assess
    expect([unknown.status, notHex.status]).toEqual([404, 400]);
  });

  it('lets only admins manage tokens', async () => {
    // Arrange
    const staff = issuedSchema.parse(json(await issue('Other Staff', 'staff')));
    const target = issuedSchema.parse(json(await issue('Target', 'proctor')));

    // Act
    const answers = await Promise.all([
      get(`${system.baseUrl}/staff-tokens`, bearer(staff.token)),
      issue('Sneaky', 'admin', bearer(staff.token)),
      post(`${system.baseUrl}/staff-tokens/${target.id}/revoke`, '', bearer(staff.token)),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403]);
    expect((await get(`${system.baseUrl}/placements?status=EXAM`, bearer(target.token))).status).toBe(200);
  });
});
