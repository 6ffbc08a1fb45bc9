import type { PlacementView } from './api-contract';
import { placementViewSchema } from './api-contract';
import type { HistoryEntry, Placement } from '../domain/placement';

/** What staff see: the placement without the workflow's task token or the client's private links. */
export function placementView(placement: Placement, history?: HistoryEntry[], historyNextToken?: string): PlacementView {
  return placementViewSchema.parse({
    ...placement,
    ...(history === undefined ? {} : { history: history.map(historyEntryView) }),
    ...(historyNextToken === undefined ? {} : { historyNextToken }),
  });
}

export function historyEntryView({ placementId: _id, ...entry }: HistoryEntry) {
  return entry;
}
