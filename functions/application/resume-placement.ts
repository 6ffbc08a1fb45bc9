import type { Clock, PlacementRepository, PlacementWorkflow } from './ports';
import { Conflict, NotFound } from '../domain/errors';
import { freshExecutionName } from '../domain/ids';
import { clearAttention, isFinished, type Actor, type Placement } from '../domain/placement';
import { changePlacement } from './change-placement';

export interface ResumeDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  workflow: Pick<PlacementWorkflow, 'status' | 'start'>;
  clock: Clock;
}

/**
 * For staff once the cause of a failure is fixed (a provider outage, a bad address corrected): the
 * attention flag is cleared and a fresh execution resumes where the placement stands. A placement
 * whose execution still runs, or that is finished, is left alone (409).
 */
export async function resumePlacement(deps: ResumeDeps, id: string, actor: Actor): Promise<Placement> {
  const current = await deps.placements.get(id);
  if (current === undefined) throw new NotFound(`No placement ${id}.`);
  if (isFinished(current.status)) throw new Conflict(`A ${current.status} placement has nothing left to resume.`, { reason: 'PLACEMENT_FINISHED' });
  const executionArn = current.lifecycle?.executionArn;
  if (executionArn !== undefined && (await deps.workflow.status(executionArn)) === 'RUNNING') {
    throw new Conflict('Its lifecycle is running; there is nothing to resume.', { reason: 'ALREADY_RUNNING' });
  }
  const { placement } = await changePlacement(deps.placements, id, (latest) => clearAttention(latest, { at: deps.clock.now(), by: actor }));
  await deps.workflow.start(id, freshExecutionName(id, deps.clock.now()));
  return placement;
}
