import * as z from 'zod/mini';
import { InvalidInput } from '../domain/errors';
import { inFlightStatuses, type Placement, type PlacementStatus } from '../domain/placement';
import type { Page, PageRequest, PlacementRepository } from './ports';

/**
 * Every placement in `status`, page after page of the status index: the cost follows how many are in
 * that status, never everything ever stored.
 */
export async function* placementsInStatus(
  placements: Pick<PlacementRepository, 'listByStatus'>,
  status: PlacementStatus,
): AsyncGenerator<Placement> {
  let nextToken: string | undefined;
  do {
    const page = await placements.listByStatus(status, { limit: 100, ...(nextToken === undefined ? {} : { nextToken }) });
    yield* page.items;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
}

/** Placements in one status, newest first (placement ids sort by when they were made). */
export interface PlacementsNewestFirst {
  /** Up to `limit` of them, only those older than the placement `olderThan` when given; `more` when the status holds others beyond. */
  newestInStatus(status: PlacementStatus, page: { limit: number; olderThan?: string }): Promise<{ items: Placement[]; more: boolean }>;
}

const defaultPageSize = 25;
const cursorSchema = z.object({ olderThan: z.string().check(z.regex(/^[0-9A-Za-z]{1,64}$/)) });

/**
 * The placements still in flight, newest first, a page at a time: one Query per in-flight status (its
 * newest `limit`, older than the last one shown), merged. The cursor is the id of the last one shown,
 * so a placement never shows twice, even one that changed status between pages.
 */
export async function placementsInFlightNewestFirst(placements: PlacementsNewestFirst, page: PageRequest = {}): Promise<Page<Placement>> {
  const limit = page.limit ?? defaultPageSize;
  const olderThan = page.nextToken === undefined ? undefined : readCursor(page.nextToken);
  const byStatus = await Promise.all(inFlightStatuses.map((status) => placements.newestInStatus(status, { limit, ...(olderThan === undefined ? {} : { olderThan }) })));
  const merged = byStatus.flatMap(({ items }) => items).sort((one, other) => (one.id < other.id ? 1 : one.id > other.id ? -1 : 0));
  const items = merged.slice(0, limit);
  const last = items.at(-1);
  const more = merged.length > limit || byStatus.some((status) => status.more);
  return more && last !== undefined ? { items, nextToken: writeCursor(last.id) } : { items };
}

function writeCursor(olderThan: string): string {
  return Buffer.from(JSON.stringify({ olderThan }), 'utf8').toString('base64url');
}

function readCursor(token: string): string {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))).olderThan;
  } catch {
    throw new InvalidInput('nextToken is not a token from this listing.', { field: 'nextToken' });
  }
}
