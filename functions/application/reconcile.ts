import type { Clock, PlacementRepository, PlacementWorkflow } from './ports';
import { freshExecutionName } from '../domain/ids';
import { inFlightStatuses, type Placement } from '../domain/placement';
import { logger } from '../observability/logger';
import { placementsInStatus } from './placements-in-status';

export interface ReconcileDeps {
  placements: Pick<PlacementRepository, 'listByStatus'>;
  workflow: Pick<PlacementWorkflow, 'status' | 'start'>;
  clock: Clock;
}

export interface Reconciliation {
  checked: number;
  resumed: string[];
}

/**
 * Finds placements still in flight whose execution is gone, timed out or was aborted (or failed
 * without the placement being flagged for a person) and starts a fresh execution for each: it reads
 * the placement and resumes where it stands. Placements changed in the last `settleMinutes` are left
 * alone, so one whose execution is only now starting is not given a second one.
 */
export async function reconcilePlacements(deps: ReconcileDeps, options: { settleMinutes: number }): Promise<Reconciliation> {
  const now = Date.parse(deps.clock.now());
  const resumed: string[] = [];
  let checked = 0;
  for (const status of inFlightStatuses) {
    for await (const placement of placementsInStatus(deps.placements, status)) {
      checked += 1;
      if (now - Date.parse(placement.updatedAt) < options.settleMinutes * 60_000) continue;
      if (await needsNewDriver(deps, placement)) {
        await deps.workflow.start(placement.id, freshExecutionName(placement.id, new Date(now).toISOString()));
        resumed.push(placement.id);
      }
    }
  }
  if (resumed.length > 0) logger.info('Resumed placements whose execution had stopped', { resumed: resumed.length, checked });
  return { checked, resumed };
}

async function needsNewDriver(deps: ReconcileDeps, placement: Placement): Promise<boolean> {
  const executionArn = placement.lifecycle?.executionArn;
  if (executionArn === undefined) return true;
  const status = await deps.workflow.status(executionArn);
  if (status === 'RUNNING') return false;
  // A failed execution flagged the placement for a person; resuming it on a timer would only fail again.
  if (status === 'FAILED' && placement.needsAttention !== undefined) return false;
  return true;
}
