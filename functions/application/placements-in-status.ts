import type { Placement, PlacementStatus } from '../domain/placement';
import type { PlacementRepository } from './ports';

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
