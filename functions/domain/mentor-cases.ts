import { DateTime } from 'luxon';
import { z } from 'zod';
import { instantSchema } from './schemas';

/**
 * A "Talk to us" case is its own item, not part of the placement: a client who writes often does not
 * grow the placement, and what they wrote stays out of the placement's history.
 */
export const mentorCaseSchema = z.object({
  id: z.string().min(1),
  placementId: z.string().min(1),
  message: z.string().min(1),
  status: z.enum(['OPEN']),
  openedAt: instantSchema,
  /** The page's form (or the API client's Idempotency-Key): the same submission opens the same case. */
  submissionId: z.string().min(1).optional(),
  mentorsToldAt: instantSchema.optional(),
});
export type MentorCase = z.infer<typeof mentorCaseSchema>;

/** A client may open this many cases on one of their calendar days; beyond it they are asked to call. */
export const casesPerClientDay = 5;

/** The client's calendar day the limit counts on, and when their next day begins (when to try again). */
export function caseDay(now: string, clientTimezone: string): { day: string; nextDayStartsAt: string } {
  const local = DateTime.fromISO(now, { zone: 'utc' }).setZone(clientTimezone);
  return {
    day: local.toISODate() ?? now.slice(0, 10),
    nextDayStartsAt: local.plus({ days: 1 }).startOf('day').toUTC().toISO() ?? now,
  };
}
