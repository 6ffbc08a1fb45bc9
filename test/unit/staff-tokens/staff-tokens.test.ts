import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authenticate,
  ensureStaffToken,
  hashToken,
  issueStaffToken,
  listStaffTokens,
  revokeStaffToken,
} from '../../../functions/application/staff-tokens';
import { InvalidInput, NotFound } from '../../../functions/domain/errors';
import type { StaffToken } from '../../../functions/domain/schemas';
import { MemoryTokenRepository } from './memory-token-repository';

const issuedAt = new Date('2026-03-02T15:00:00.000Z');
const later = new Date('2026-03-09T15:00:00.000Z');

function storedToken(tokenHash: string, overrides: Partial<StaffToken> = {}): StaffToken {
  return { tokenHash, name: 'Stored', role: 'staff', createdAt: issuedAt.toISOString(), ...overrides };
}

describe('hashToken', () => {
  it('is the SHA-256 of the token, in lower-case hex', () => {
    // Act & Assess: the FIPS 180-2 test vector for "abc"
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('issueStaffToken', () => {
  it('returns a prefixed 32-byte base64url token and stores only its hash with the name, role and time', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();

    // Act
    const { token, issued } = await issueStaffToken(repository, { name: ' Ana ', role: 'proctor' }, issuedAt);

    // Assess
    expect(token).toMatch(/^vec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    const stored = repository.tokens.get(hashToken(token));
    expect(stored).toEqual({ tokenHash: hashToken(token), name: 'Ana', role: 'proctor', createdAt: '2026-03-02T15:00:00.000Z' });
    expect(JSON.stringify([...repository.tokens.values()])).not.toContain(token.slice(4));
    expect(issued.id).toBe(hashToken(token).slice(0, 12));
  });

  it('gives a different token every time', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();

    // Act
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => issueStaffToken(repository, { name: 'Ana', role: 'staff' }, issuedAt)),
    );

    // Assess
    expect(new Set(tokens.map(({ token }) => token)).size).toBe(20);
    expect(repository.tokens.size).toBe(20);
  });

  it('refuses a blank name and stores nothing', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();

    // Act
    const issuing = issueStaffToken(repository, { name: '   ', role: 'admin' }, issuedAt);

    // Assess
    await expect(issuing).rejects.toBeInstanceOf(InvalidInput);
    expect(repository.tokens.size).toBe(0);
  });
});

describe('authenticate', () => {
  it('answers the name and role of a valid token, whatever the case of the scheme', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    const { token } = await issueStaffToken(repository, { name: 'Ana', role: 'proctor' }, issuedAt);

    // Act
    const results = await Promise.all([`Bearer ${token}`, `bearer ${token}`, `  Bearer ${token}  `].map((header) => authenticate(repository, header)));

    // Assess
    expect(results).toEqual([
      { name: 'Ana', role: 'proctor' },
      { name: 'Ana', role: 'proctor' },
      { name: 'Ana', role: 'proctor' },
    ]);
  });

  it('refuses a missing header without looking anything up', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();

    // Act
    const result = await authenticate(repository, undefined);

    // Assess
    expect(result).toBeUndefined();
    expect(repository.lookups).toBe(0);
  });

  it.each(['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer two words', 'Token vec_abc', 'Bearer vec_a"b'])(
    'refuses the malformed header %j',
    async (header) => {
      // Prepare
      const repository = new MemoryTokenRepository();
      await issueStaffToken(repository, { name: 'Ana', role: 'admin' }, issuedAt);

      // Act
      const result = await authenticate(repository, header);

      // Assess
      expect(result).toBeUndefined();
    },
  );

  it('refuses a well-formed token nobody issued', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    await issueStaffToken(repository, { name: 'Ana', role: 'admin' }, issuedAt);

    // Act
    const result = await authenticate(repository, `Bearer vec_${'A'.repeat(43)}`);

    // Assess
    expect(result).toBeUndefined();
  });

  it('refuses a revoked token', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    const { token } = await issueStaffToken(repository, { name: 'Ana', role: 'admin' }, issuedAt);
    await revokeStaffToken(repository, hashToken(token), later);

    // Act
    const result = await authenticate(repository, `Bearer ${token}`);

    // Assess
    expect(result).toBeUndefined();
  });

  it('accepts no header but the exact issued one', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    const { token } = await issueStaffToken(repository, { name: 'Ana', role: 'mentor' }, issuedAt);

    // Act & Assess
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string().map((suffix) => `Bearer ${token}${suffix}`), fc.string().map((other) => `Bearer ${other}`)),
        async (header) => {
          fc.pre(header.trim().replace(/^bearer +/i, '').trim() !== token);
          expect(await authenticate(repository, header)).toBeUndefined();
        },
      ),
    );
  });
});

describe('listStaffTokens', () => {
  it('lists every token oldest first, across pages, with a short id and never a clear token', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    const issued = [];
    for (let index = 0; index < 105; index += 1) {
      issued.push(await issueStaffToken(repository, { name: `Person ${index}`, role: 'staff' }, new Date(issuedAt.getTime() + index * 1000)));
    }

    // Act
    const listed = await listStaffTokens(repository);

    // Assess
    expect(listed.map((token) => token.name)).toEqual(issued.map((_, index) => `Person ${index}`));
    expect(listed[0]).toEqual({
      id: hashToken(issued[0]!.token).slice(0, 12),
      tokenHash: hashToken(issued[0]!.token),
      name: 'Person 0',
      role: 'staff',
      createdAt: issuedAt.toISOString(),
    });
    expect(JSON.stringify(listed)).not.toContain('vec_');
  });
});

describe('revokeStaffToken', () => {
  it('revokes by the short id the listing shows', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    const { token } = await issueStaffToken(repository, { name: 'Ana', role: 'admin' }, issuedAt);
    const [listed] = await listStaffTokens(repository);

    // Act
    const { revoked, alreadyRevoked } = await revokeStaffToken(repository, listed!.id.toUpperCase(), later);

    // Assess
    expect(revoked).toMatchObject({ tokenHash: hashToken(token), name: 'Ana', revokedAt: later.toISOString() });
    expect(alreadyRevoked).toBe(false);
    expect(await authenticate(repository, `Bearer ${token}`)).toBeUndefined();
  });

  it('keeps the first revocation time when revoked twice', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    const { token } = await issueStaffToken(repository, { name: 'Ana', role: 'admin' }, issuedAt);
    await revokeStaffToken(repository, hashToken(token), issuedAt);

    // Act
    const { revoked, alreadyRevoked } = await revokeStaffToken(repository, hashToken(token), later);

    // Assess
    expect(revoked.revokedAt).toBe(issuedAt.toISOString());
    expect(alreadyRevoked).toBe(true);
  });

  it('refuses a prefix that matches two tokens, and revokes neither', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    await repository.putStaffToken(storedToken(`abcdef01${'0'.repeat(56)}`));
    await repository.putStaffToken(storedToken(`abcdef02${'0'.repeat(56)}`));

    // Act
    const revoking = revokeStaffToken(repository, 'abcdef0', later);

    // Assess
    await expect(revoking).rejects.toBeInstanceOf(InvalidInput);
    expect([...repository.tokens.values()].filter((token) => token.revokedAt !== undefined)).toEqual([]);
  });

  it('answers NotFound for an id no token has', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    await repository.putStaffToken(storedToken(`abcdef01${'0'.repeat(56)}`));

    // Act & Assess
    await expect(revokeStaffToken(repository, '123456', later)).rejects.toBeInstanceOf(NotFound);
    await expect(revokeStaffToken(repository, '1'.repeat(64), later)).rejects.toBeInstanceOf(NotFound);
  });

  it.each(['abc', 'not-hex!', 'g12345', '0'.repeat(65)])('refuses %j as an id', async (id) => {
    // Prepare
    const repository = new MemoryTokenRepository();

    // Act & Assess
    await expect(revokeStaffToken(repository, id, later)).rejects.toBeInstanceOf(InvalidInput);
  });
});

describe('ensureStaffToken', () => {
  it('stores a chosen token once and leaves an existing (even revoked) entry as it is', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();
    await ensureStaffToken(repository, 'local-admin-token', { name: 'Local admin', role: 'admin' }, issuedAt);
    await revokeStaffToken(repository, hashToken('local-admin-token'), issuedAt);

    // Act
    const again = await ensureStaffToken(repository, 'local-admin-token', { name: 'Someone else', role: 'mentor' }, later);

    // Assess
    expect(again).toMatchObject({ name: 'Local admin', role: 'admin', revokedAt: issuedAt.toISOString() });
    expect(repository.tokens.size).toBe(1);
  });

  it('makes the chosen token authenticate', async () => {
    // Prepare
    const repository = new MemoryTokenRepository();

    // Act
    await ensureStaffToken(repository, 'local-admin-token', { name: 'Local admin', role: 'admin' }, issuedAt);

    // Assess
    expect(await authenticate(repository, 'Bearer local-admin-token')).toEqual({ name: 'Local admin', role: 'admin' });
  });
});
