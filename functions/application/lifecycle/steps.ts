import * as z from 'zod/mini';
import type { LifecycleDeps } from './common';
import { flagLifecycleFailure, planFromPlacement } from './driver';
import { awaitPaperwork, checkOnPaperwork, sendOnboardingLinks } from './onboarding';
import { concludeNotCertified, welcomeFirstDay } from './outcome';
import { placementSteps, step, withTaskToken, type Step } from './step';
import { awaitExamResult, beginExam, fixCertificationWeek, holdSession, remindProctors, startCertificationWeek } from './week';

export type { LifecycleDeps } from './common';

export type LifecycleStep = Step<LifecycleDeps>;

const placementId = z.string().check(z.minLength(1));

/** The callback tasks: the step stores the task token for whoever ends the wait. */
const waitStep = (run: (deps: LifecycleDeps, placementId: string, taskToken: string) => Promise<unknown>) =>
  step(withTaskToken, (deps: LifecycleDeps, parsed) => run(deps, parsed.placementId, parsed.taskToken));

/**
 * The Task states of statemachines/placement-lifecycle.asl.json that the lifecycle function runs, by
 * their `step`; the steps that draw a PDF are in ./document-steps. The state machine's builder takes
 * its step names from both, and an infrastructure test holds the ASL equal to their keys.
 */
export const lifecycleSteps = {
  plan: step(z.object({ placementId, executionArn: z.string().check(z.minLength(1)) }), (deps: LifecycleDeps, parsed) =>
    planFromPlacement(deps, parsed.placementId, parsed.executionArn),
  ),
  awaitPaperwork: waitStep(awaitPaperwork),
  awaitExamResult: waitStep(awaitExamResult),
  flagForAttention: step(
    z.object({ placementId, failure: z.looseObject({ Error: z._default(z.string(), 'Unknown'), Cause: z._default(z.string(), '') }) }),
    (deps: LifecycleDeps, parsed) => flagLifecycleFailure(deps, parsed.placementId, { error: parsed.failure.Error, cause: parsed.failure.Cause }),
  ),
  ...placementSteps({
    sendOnboardingLinks,
    checkOnPaperwork,
    fixCertificationWeek,
    startCertificationWeek,
    holdSession,
    beginExam,
    remindProctors,
    welcomeFirstDay,
    concludeNotCertified,
  }),
};

export type LifecycleStepName = keyof typeof lifecycleSteps;
export const lifecycleStepNames = Object.keys(lifecycleSteps) as [LifecycleStepName, ...LifecycleStepName[]];
