import type { StaffTokenListing } from '../application/staff-tokens';
import type * as z from 'zod/mini';
import type { staffTokenViewSchema } from './staff-credentials-contract';

/** What the API shows of a stored token: the whole hash as its id (the CLI shows a prefix of it). */
export function staffTokenView({ tokenHash, name, role, createdAt, revokedAt }: StaffTokenListing): z.infer<typeof staffTokenViewSchema> {
  return { id: tokenHash, name, role, createdAt, ...(revokedAt === undefined ? {} : { revokedAt }) };
}
