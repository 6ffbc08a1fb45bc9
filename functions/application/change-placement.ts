import { NotFound, StaleVersion } from '../domain/errors';
import type { Change } from '../domain/placement';
import type { Placement } from '../domain/placement';
import type { PlacementRepository } from './ports';

export interface AppliedChange {
  placement: Placement;
  /** False when the decision changed nothing: a replay, a repeated call. */
  changed: boolean;
}

/**
 * Read the placement, decide, save over the version read; when someone else saved first, read again
 * and decide again. Concurrent writers thus serialize on the placement's version, and a decision that
 * finds its work already done changes nothing.
 */
export async function changePlacement(
  placements: Pick<PlacementRepository, 'get' | 'save'>,
  placementId: string,
  decide: (placement: Placement) => Change,
  attempts = 10,
): Promise<AppliedChange> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await placements.get(placementId);
    if (current === undefined) throw new NotFound(`No placement ${placementId}.`);
    const { placement, entries } = decide(current);
    if (entries.length === 0) return { placement: current, changed: false };
    try {
      return { placement: await placements.save(placement, entries, current), changed: true };
    } catch (error) {
      if (!(error instanceof StaleVersion) || attempt >= attempts) throw error;
    }
  }
}
