import type { PlacementView } from '../http/api-contract';
import { placementViewSchema } from '../http/api-contract';
import type { HistoryEntry, Placement } from '../domain/placement';

/** What staff see: the placement without the workflow's task token or the client's private links. */
export function placementView(placement: Placement, history?: HistoryEntry[]): PlacementView {
  return placementViewSchema.parse({
    ...placement,
    ...(history === undefined ? {} : { history: history.map(({ placementId: _id, ...entry }) => entry) }),
  });
}
