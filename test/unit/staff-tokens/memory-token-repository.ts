import { Conflict, NotFound } from '../../../functions/domain/errors';
import type { Page, PageRequest, StaffTokenRepository } from '../../../functions/application/ports';
import type { StaffToken } from '../../../functions/domain/schemas';

/** The StaffTokenRepository contract in memory (the DynamoDB one is exercised in test/integration). */
export class MemoryTokenRepository implements StaffTokenRepository {
  readonly tokens = new Map<string, StaffToken>();
  lookups = 0;

  async putStaffToken(token: StaffToken): Promise<void> {
    if (this.tokens.has(token.tokenHash)) throw new Conflict('This staff token exists.');
    this.tokens.set(token.tokenHash, { ...token });
  }

  async getStaffToken(tokenHash: string): Promise<StaffToken | undefined> {
    this.lookups += 1;
    const token = this.tokens.get(tokenHash);
    return token === undefined ? undefined : { ...token };
  }

  async listStaffTokens(page: PageRequest = {}): Promise<Page<StaffToken>> {
    const all = [...this.tokens.values()].sort((a, b) => `${a.createdAt}#${a.tokenHash}`.localeCompare(`${b.createdAt}#${b.tokenHash}`));
    const start = page.nextToken === undefined ? 0 : Number(page.nextToken);
    const end = start + (page.limit ?? 25);
    const items = all.slice(start, end);
    return end < all.length ? { items, nextToken: String(end) } : { items };
  }

  async revokeStaffToken(tokenHash: string, revokedAt: string): Promise<StaffToken> {
    const token = this.tokens.get(tokenHash);
    if (token === undefined) throw new NotFound('No such staff token.');
    const revoked = { ...token, revokedAt: token.revokedAt ?? revokedAt };
    this.tokens.set(tokenHash, revoked);
    return { ...revoked };
  }
}
