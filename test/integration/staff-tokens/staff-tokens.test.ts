import { describe, expect, it } from 'vitest';
import {
  authenticate,
  hashToken,
  issueStaffToken,
  listStaffTokens,
  revokeStaffToken,
} from '../../../functions/application/staff-tokens';
import { NotFound } from '../../../functions/domain/errors';
import { useInMemoryTable } from '../../support/table';

const table = useInMemoryTable('staff-tokens-test');

describe('staff tokens on the table', () => {
  it('issues, authenticates, lists and revokes a token', async () => {
    // Prepare
    const { token } = await issueStaffToken(table.repository, { name: 'Ana', role: 'proctor' }, new Date('2026-03-02T15:00:00Z'));

    // Act
    const before = await authenticate(table.repository, `Bearer ${token}`);
    const listed = (await listStaffTokens(table.repository)).find((entry) => entry.tokenHash === hashToken(token));
    const { revoked } = await revokeStaffToken(table.repository, listed?.id ?? 'missing', new Date('2026-03-03T15:00:00Z'));
    const after = await authenticate(table.repository, `Bearer ${token}`);

    // Assess
    expect(before).toEqual({ name: 'Ana', role: 'proctor' });
    expect(listed).toMatchObject({ name: 'Ana', role: 'proctor', createdAt: '2026-03-02T15:00:00.000Z' });
    expect(listed?.revokedAt).toBeUndefined();
    expect(revoked.revokedAt).toBe('2026-03-03T15:00:00.000Z');
    expect(after).toBeUndefined();
  });

  it('stores the hash and never the clear token', async () => {
    // Prepare
    const { token } = await issueStaffToken(table.repository, { name: 'Ben', role: 'admin' }, new Date('2026-03-02T16:00:00Z'));

    // Act
    const stored = await table.repository.getStaffToken(hashToken(token));
    const everything = JSON.stringify(await listStaffTokens(table.repository));

    // Assess
    expect(stored).toMatchObject({ tokenHash: hashToken(token), name: 'Ben', role: 'admin' });
    expect(everything).not.toContain(token);
  });

  it('lists tokens oldest first', async () => {
    // Prepare
    const late = await issueStaffToken(table.repository, { name: 'Late', role: 'mentor' }, new Date('2026-05-01T00:00:00Z'));
    const early = await issueStaffToken(table.repository, { name: 'Early', role: 'mentor' }, new Date('2026-01-01T00:00:00Z'));

    // Act
    const listed = (await listStaffTokens(table.repository)).map((entry) => entry.tokenHash);

    // Assess
    expect(listed.indexOf(hashToken(early.token))).toBeLessThan(listed.indexOf(hashToken(late.token)));
  });

  it('answers NotFound when revoking a hash that is not there', async () => {
    // Act
    const revoking = revokeStaffToken(table.repository, 'f'.repeat(64), new Date('2026-03-03T15:00:00Z'));

    // Assess
    await expect(revoking).rejects.toBeInstanceOf(NotFound);
  });
});
