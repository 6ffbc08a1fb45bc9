import { createHash } from 'node:crypto';
import type { Clock, PlacementRepository, PlacementWorkflow } from './ports';
import { attentionReasons, flagForAttention, isFinished, type Actor, type Placement } from '../domain/placement';
import { logger } from '../observability/logger';
import { changePlacement } from './change-placement';

/** Who the history names for what the reconciliation does. */
export const reconcileActor: Actor = { kind: 'system', component: 'reconcile' };

/** How an execution ended, as Step Functions reports it. */
export const stoppedStatuses = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type StoppedStatus = (typeof stoppedStatuses)[number];

/**
 * The execution that takes over from a stopped one: named after the placement and the stopped
 * execution's name, so whoever picks the stop up (the event, its duplicate, the daily sweep) starts
 * the same one, and Step Functions starts it once. Names are at most 80 characters: a short hash.
 */
export function followingExecutionName(placementId: string, stoppedExecutionArn: string): string {
  const stoppedName = stoppedExecutionArn.slice(stoppedExecutionArn.lastIndexOf(':') + 1);
  return `${placementId}-${createHash('sha256').update(stoppedName).digest('hex').slice(0, 16)}`;
}

/** What a stopped (or vanished) execution asks of its placement. */
export type AfterStop = 'leave' | 'flag' | 'resume';

/**
 * A finished placement needs no driver. A flagged one waits for a person, who resumes it by hand
 * (that clears the flag and starts a fresh execution); the digest keeps it in view. A failure the
 * state machine did not flag itself (a failed flagging step) is flagged now; anything else gone
 * (timed out, aborted, unknown to Step Functions) gets a fresh execution.
 */
export function afterStop(placement: Placement, status: string): AfterStop {
  if (isFinished(placement.status) || placement.needsAttention !== undefined) return 'leave';
  if (status === 'RUNNING') return 'leave';
  return status === 'FAILED' ? 'flag' : 'resume';
}

export interface StoppedLifecycleDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  workflow: Pick<PlacementWorkflow, 'start' | 'executionArnFor'>;
  clock: Clock;
}

export interface StoppedExecution {
  placementId: string;
  executionArn: string;
  status: StoppedStatus;
}

export type StoppedOutcome = 'ignored' | 'flagged' | 'resumed' | 'already-resumed';

/**
 * A lifecycle execution stopped (Step Functions' status-change event): flag or resume that one
 * placement. Events come twice and at once; both then start the same following execution, and the
 * second finds it there. An event about an execution that no longer drives the placement is ignored.
 */
export async function takeUpStoppedExecution(deps: StoppedLifecycleDeps, stopped: StoppedExecution): Promise<StoppedOutcome> {
  const placement = await deps.placements.get(stopped.placementId);
  if (placement === undefined || !drivenBy(deps, placement, stopped.executionArn)) return 'ignored';
  return act(deps, placement, stopped.executionArn, afterStop(placement, stopped.status), stopped.status);
}

/** Flags or resumes as `afterStop` decided; shared with the daily sweep. */
export async function act(
  deps: { placements: StoppedLifecycleDeps['placements']; workflow: Pick<PlacementWorkflow, 'start'>; clock: Clock },
  placement: Placement, stoppedArn: string, action: AfterStop, status: string): Promise<StoppedOutcome> {
  if (action === 'leave') return 'ignored';
  if (action === 'flag') {
    const reason = attentionReasons.lifecycleStopped(`its execution ended ${status} without flagging it`);
    const { changed } = await changePlacement(deps.placements, placement.id, (current) =>
      flagForAttention(current, reason, { at: deps.clock.now(), by: reconcileActor }),
    );
    if (changed) logger.warn('Flagged a placement whose lifecycle failed', { placementId: placement.id, status });
    return changed ? 'flagged' : 'ignored';
  }
  const { alreadyRunning } = await deps.workflow.start(placement.id, followingExecutionName(placement.id, stoppedArn));
  if (!alreadyRunning) logger.info('Resumed a placement whose lifecycle stopped', { placementId: placement.id, status });
  return alreadyRunning ? 'already-resumed' : 'resumed';
}

/**
 * Whether the execution drives the placement: the one it stored, or the one following the stored one
 * when that stopped before its first step could record itself.
 */
function drivenBy(deps: StoppedLifecycleDeps, placement: Placement, executionArn: string): boolean {
  const stored = placement.lifecycle?.executionArn;
  if (stored === undefined) return false;
  return executionArn === stored || executionArn === deps.workflow.executionArnFor(followingExecutionName(placement.id, stored));
}
