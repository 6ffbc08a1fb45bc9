import * as z from 'zod/mini';
import { staffRoles } from './staff-roles';

/**
 * A staff token as the table stores it (issue 5): by its hash, never in clear. In zod/mini: the
 * authorizer reads it before every staff request, and the classic API would double its cold start.
 */
export const staffTokenSchema = z.object({
  tokenHash: z.string().check(z.minLength(16)),
  name: z.string().check(z.minLength(1)),
  role: z.enum(staffRoles),
  createdAt: z.iso.datetime({ offset: true }),
  revokedAt: z.optional(z.iso.datetime({ offset: true })),
});
export type StaffToken = z.infer<typeof staffTokenSchema>;
