import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import {
  authenticate,
  hashToken,
  issueStaffToken,
  listStaffTokens,
  revokeStaffToken,
} from '../../../functions/application/staff-tokens';
import { NotFound } from '../../../functions/domain/errors';
import { startInMemoryTable, type InMemoryTable } from '../../support/dynalite';

let table: InMemoryTable;
let repository: DynamoPlacementRepository;

beforeAll(async () => {
  table = await startInMemoryTable('staff-tokens-test');
  repository = new DynamoPlacementRepository(table.documentClient, table.tableName);
});

afterAll(async () => {
  await table.stop();
});

describe('staff tokens on the table', () => {
  it('issues, authenticates, lists and revokes a token', async () => {
    // Prepare
    const { token } = await issueStaffToken(repository, { name: 'Ana', role: 'proctor' }, new Date('2026-03-02T15:00:00Z'));

    // Act
    const before = await authenticate(repository, `Bearer ${token}`);
    const listed = (await listStaffTokens(repository)).find((entry) => entry.tokenHash === hashToken(token));
    const { revoked } = await revokeStaffToken(repository, listed?.id ?? 'missing', new Date('2026-03-03T15:00:00Z'));
    const after = await authenticate(repository, `Bearer ${token}`);

    // Assess
    expect(before).toEqual({ name: 'Ana', role: 'proctor' });
    expect(listed).toMatchObject({ name: 'Ana', role: 'proctor', createdAt: '2026-03-02T15:00:00.000Z' });
    expect(listed?.revokedAt).toBeUndefined();
    expect(revoked.revokedAt).toBe('2026-03-03T15:00:00.000Z');
    expect(after).toBeUndefined();
  });

  it('stores the hash and never the clear token', async () => {
    // Prepare
    const { token } = await issueStaffToken(repository, { name: 'Ben', role: 'admin' }, new Date('2026-03-02T16:00:00Z'));

    // Act
    const stored = await repository.getStaffToken(hashToken(token));
    const everything = JSON.stringify(await listStaffTokens(repository));

    // Assess
    expect(stored).toMatchObject({ tokenHash: hashToken(token), name: 'Ben', role: 'admin' });
    expect(everything).not.toContain(token);
  });

  it('lists tokens oldest first', async () => {
    // Prepare
    const late = await issueStaffToken(repository, { name: 'Late', role: 'mentor' }, new Date('2026-05-01T00:00:00Z'));
    const early = await issueStaffToken(repository, { name: 'Early', role: 'mentor' }, new Date('2026-01-01T00:00:00Z'));

    // Act
    const listed = (await listStaffTokens(repository)).map((entry) => entry.tokenHash);

    // Assess
    expect(listed.indexOf(hashToken(early.token))).toBeLessThan(listed.indexOf(hashToken(late.token)));
  });

  it('answers NotFound when revoking a hash that is not there', async () => {
    // Act
    const revoking = revokeStaffToken(repository, 'f'.repeat(64), new Date('2026-03-03T15:00:00Z'));

    // Assess
    await expect(revoking).rejects.toBeInstanceOf(NotFound);
  });
});
