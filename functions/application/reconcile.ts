import type { Clock, PlacementRepository, PlacementWorkflow } from './ports';
import { freshExecutionName } from '../domain/ids';
import { inFlightStatuses, type Placement } from '../domain/placement';
import { logger } from '../observability/logger';
import { placementsInStatus } from './placements-in-status';
import { act, afterStop } from './stopped-lifecycle';

export interface ReconcileDeps {
  placements: Pick<PlacementRepository, 'listByStatus' | 'get' | 'save'>;
  workflow: Pick<PlacementWorkflow, 'status' | 'start'>;
  clock: Clock;
}

export interface ReconcileOptions {
  /** Placements changed this recently are left alone: one whose execution is only now starting is not given a second. */
  settleMinutes: number;
  /**
   * A placement that has an execution and changed this recently is taken to be driven, with no Step
   * Functions call: each step of the lifecycle saves the placement (its first step records the
   * execution), and a stop is picked up at once by its status-change event. Only the quiet ones (a
   * long Wait, a wait for people) are asked about. 0 asks about every one (a local start-up, where
   * executions did not survive the restart).
   */
  trustStepsWithinMinutes: number;
}

export interface Reconciliation {
  checked: number;
  /** Placements whose execution was asked about (one DescribeExecution each). */
  asked: number;
  resumed: string[];
  flagged: string[];
}

/** A day: the sweep runs daily, so a placement quiet for longer is asked about once a day. */
export const dailySweep: ReconcileOptions = { settleMinutes: 5, trustStepsWithinMinutes: 24 * 60 };

/**
 * The daily safety net behind the status-change events: finds placements still in flight whose
 * execution is gone, timed out or was aborted (or failed without the placement being flagged) and
 * resumes or flags them as the event would have. At most one Step Functions status call per
 * placement, none for those that stepped recently.
 */
export async function reconcilePlacements(deps: ReconcileDeps, options: ReconcileOptions): Promise<Reconciliation> {
  const now = Date.parse(deps.clock.now());
  const outcome: Reconciliation = { checked: 0, asked: 0, resumed: [], flagged: [] };
  for (const status of inFlightStatuses) {
    for await (const placement of placementsInStatus(deps.placements, status)) {
      outcome.checked += 1;
      const quietFor = now - Date.parse(placement.updatedAt);
      if (quietFor < options.settleMinutes * 60_000) continue;
      const executionArn = placement.lifecycle?.executionArn;
      if (executionArn === undefined) {
        // Never started (or stored before executions were recorded): nothing to ask about.
        if (placement.needsAttention !== undefined) continue;
        await deps.workflow.start(placement.id, freshExecutionName(placement.id, new Date(now).toISOString()));
        outcome.resumed.push(placement.id);
        continue;
      }
      if (quietFor < options.trustStepsWithinMinutes * 60_000) continue;
      await reconcileOne(deps, placement, executionArn, outcome);
    }
  }
  if (outcome.resumed.length > 0 || outcome.flagged.length > 0) logger.info('Reconciled placements whose execution had stopped', { ...outcome });
  return outcome;
}

async function reconcileOne(deps: ReconcileDeps, placement: Placement, executionArn: string, outcome: Reconciliation): Promise<void> {
  // Flagged: it waits for a person whatever its execution does, so there is nothing to ask.
  if (placement.needsAttention !== undefined) return;
  outcome.asked += 1;
  const status = await deps.workflow.status(executionArn);
  const result = await act(deps, placement, executionArn, afterStop(placement, status), status);
  if (result === 'resumed' || result === 'already-resumed') outcome.resumed.push(placement.id);
  if (result === 'flagged') outcome.flagged.push(placement.id);
}
