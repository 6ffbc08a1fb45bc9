import type { Clock } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { InvalidInput } from '../domain/errors';
import { recordSelection, type Actor } from '../domain/placement';
import type { CreatePlacementRequest, Timeline } from '../domain/schemas';
import { selectionDateProblems } from '../domain/selection-dates';

export interface SelectionPlanDeps {
  agency: AgencyConfig;
  clock: Clock;
}

/** Stands in for the placement's id: the plan does not depend on it, and nothing is stored under it. */
const unsavedPlacementId = 'unsaved-selection';

/**
 * The timeline a selection would get if recorded now, for staff to check before saving: the same
 * rules (and refusals) as recording it, but nothing is written and no lifecycle starts.
 */
export function planSelection(deps: SelectionPlanDeps, request: CreatePlacementRequest, actor: Actor): Timeline {
  const stamp = { at: deps.clock.now(), by: actor };
  const dateProblems = selectionDateProblems(request, stamp.at);
  if (dateProblems.length > 0) {
    throw new InvalidInput(`${dateProblems.map(({ field, problem }) => `${field} ${problem}`).join('; ')}.`, dateProblems);
  }
  return recordSelection(request, { id: unsavedPlacementId, stamp, config: deps.agency }).placement.timeline;
}
