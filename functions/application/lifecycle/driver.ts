import { effectKeys } from '../../domain/effects';
import { failureSummary } from '../../domain/failures';
import { attentionReasons, flagAlsoForAttention, recordExecution, type Placement } from '../../domain/placement';
import { lifecycleStoppedNoticeLetter } from '../../emails/letters';
import { sendOnce } from '../send-once';
import { decideWith, lifecycleActor, load, type LifecycleDeps } from './common';

/** The execution's own steps: where to begin, and what to do when a step fails past its retries. */

/** Where a placement stands, as the state machine's first Choice routes it. */
export type Stage = 'onboarding' | 'paperwork' | 'ready' | 'certification' | 'exam' | 'certified' | 'closed';

const stageOf: Record<Placement['status'], Stage> = {
  SELECTED: 'onboarding',
  AWAITING_ONBOARDING: 'paperwork',
  READY: 'ready',
  IN_CERTIFICATION: 'certification',
  EXAM: 'exam',
  CERTIFIED: 'certified',
  ACTIVE: 'closed',
  NOT_CERTIFIED: 'closed',
  CANCELLED: 'closed',
};

/** Records the execution now driving the placement and tells the state machine where to begin. */
export async function planFromPlacement(deps: LifecycleDeps, placementId: string, executionArn: string) {
  const { placement } = await decideWith(deps, placementId, (current, at) => recordExecution(current, executionArn, at));
  const { timeline } = placement;
  return {
    stage: stageOf[placement.status],
    linksAt: timeline.linksAt,
    weekStartsAt: timeline.weekStartsAt,
    examAt: timeline.examAt,
    startsAt: timeline.startsAt,
  };
}

/**
 * A step failed past its retries: flag the placement with what stopped it and tell Customer Service,
 * once per failure (each execution fails at most once; a resumed placement that fails again is news).
 */
export async function flagLifecycleFailure(deps: LifecycleDeps, placementId: string, failure: { error: string; cause: string }) {
  const before = await load(deps, placementId);
  const reason = attentionReasons.lifecycleStopped(failureSummary(failure, before));
  const { placement } = await decideWith(deps, placementId, (current, at) => flagAlsoForAttention(current, reason, at));
  await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.lifecycleFailure(placement.lifecycle?.executionArn ?? failure.error),
    letter: (current) => lifecycleStoppedNoticeLetter(current, reason, deps.agency),
  });
  return { flagged: true };
}
