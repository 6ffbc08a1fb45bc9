import { z } from 'zod';
import type { LifecycleDeps } from './common';
import { flagLifecycleFailure, planFromPlacement } from './driver';
import { awaitPaperwork, checkOnPaperwork, prepareContractAndReserve, sendOnboardingLinks } from './onboarding';
import { concludeNotCertified, issueCertificateAndTell, welcomeFirstDay } from './outcome';
import { awaitExamResult, beginExam, fixCertificationWeek, holdSession, remindProctors, startCertificationWeek } from './week';

export type { LifecycleDeps } from './common';

const placementId = z.string().min(1);

/** A Task state's step: the Payload it is sent (besides `step`), checked, and what it runs. */
export interface LifecycleStep {
  input: z.ZodType<{ placementId: string }>;
  /** Parses the Payload with `input`, then runs the step; the result is the Task's output. */
  run(deps: LifecycleDeps, payload: unknown): Promise<unknown>;
}

function step<Input extends z.ZodType<{ placementId: string }>>(
  input: Input,
  run: (deps: LifecycleDeps, parsed: z.infer<Input>) => Promise<unknown>,
): LifecycleStep {
  return { input, run: (deps, payload) => run(deps, input.parse(payload)) };
}

const onPlacement = z.object({ placementId });
const withTaskToken = z.object({ placementId, taskToken: z.string().min(1) });

/** Steps that need only the placement: most of them, since the placement is the truth. */
function placementSteps<Names extends string>(runs: Record<Names, (deps: LifecycleDeps, placementId: string) => Promise<unknown>>) {
  const entries = Object.entries(runs) as [Names, (deps: LifecycleDeps, placementId: string) => Promise<unknown>][];
  return Object.fromEntries(entries.map(([name, run]) => [name, step(onPlacement, (deps, parsed) => run(deps, parsed.placementId))])) as Record<
    Names,
    LifecycleStep
  >;
}

/** The callback tasks: the step stores the task token for whoever ends the wait. */
const waitStep = (run: (deps: LifecycleDeps, placementId: string, taskToken: string) => Promise<unknown>) =>
  step(withTaskToken, (deps, parsed) => run(deps, parsed.placementId, parsed.taskToken));

/**
 * Every Task state of statemachines/placement-lifecycle.asl.json, by its `step`. The state machine's
 * builder takes its step names from here, and an infrastructure test holds the ASL equal to these keys.
 */
export const lifecycleSteps = {
  plan: step(z.object({ placementId, executionArn: z.string().min(1) }), (deps, parsed) =>
    planFromPlacement(deps, parsed.placementId, parsed.executionArn),
  ),
  awaitPaperwork: waitStep(awaitPaperwork),
  awaitExamResult: waitStep(awaitExamResult),
  flagForAttention: step(
    z.object({ placementId, failure: z.object({ Error: z.string().default('Unknown'), Cause: z.string().default('') }).loose() }),
    (deps, parsed) => flagLifecycleFailure(deps, parsed.placementId, { error: parsed.failure.Error, cause: parsed.failure.Cause }),
  ),
  ...placementSteps({
    prepareContractAndReserve,
    sendOnboardingLinks,
    checkOnPaperwork,
    fixCertificationWeek,
    startCertificationWeek,
    holdSession,
    beginExam,
    remindProctors,
    issueCertificate: issueCertificateAndTell,
    welcomeFirstDay,
    concludeNotCertified,
  }),
};

export type LifecycleStepName = keyof typeof lifecycleSteps;
export const lifecycleStepNames = Object.keys(lifecycleSteps) as [LifecycleStepName, ...LifecycleStepName[]];
