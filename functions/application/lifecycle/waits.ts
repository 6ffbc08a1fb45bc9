import type { Clock, PlacementRepository, PlacementWorkflow } from '../ports';
import { awaitInLifecycle, waitIsOver, type Placement } from '../../domain/placement';
import type { LifecycleWait } from '../../domain/schemas';
import { changePlacement } from '../change-placement';
import { lifecycleActor } from './common';

/** What the lifecycle learns when a wait ends: enough for its next Choice state. */
export function waitOutcome(placement: Placement, waitingFor: LifecycleWait) {
  if (waitingFor === 'paperwork') return { paperwork: placement.status === 'CANCELLED' ? 'cancelled' : 'done' };
  return { passed: placement.exam?.passed === true };
}

export interface WaitDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  workflow: Pick<PlacementWorkflow, 'resume'>;
  clock: Clock;
}

/**
 * A callback task begins: store its token on the placement so a webhook or staff call can resume it.
 * If what it waits for already happened (a webhook came first), resume at once: the version check on
 * the placement means one of the two always sees the other, so no wake-up is lost.
 */
export async function waitForPeople(
  deps: WaitDeps,
  placementId: string,
  waitingFor: LifecycleWait,
  taskToken: string,
): Promise<'waiting' | 'resumed'> {
  const { placement } = await changePlacement(deps.placements, placementId, (current) =>
    waitIsOver(current, waitingFor) ? { placement: current, entries: [] } : awaitInLifecycle(current, waitingFor, taskToken, { at: deps.clock.now(), by: lifecycleActor }),
  );
  if (!waitIsOver(placement, waitingFor)) return 'waiting';
  await deps.workflow.resume(taskToken, waitOutcome(placement, waitingFor));
  return 'resumed';
}

/** Whoever ends a wait resumes the lifecycle with the token it stored, if it is waiting for exactly that. */
export async function endWait(deps: Pick<WaitDeps, 'workflow'>, placement: Placement, waitingFor: LifecycleWait): Promise<void> {
  const token = placement.lifecycle?.waitingFor === waitingFor ? placement.lifecycle.taskToken : undefined;
  if (token === undefined || !waitIsOver(placement, waitingFor)) return;
  await deps.workflow.resume(token, waitOutcome(placement, waitingFor));
}
