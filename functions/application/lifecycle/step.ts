import * as z from 'zod/mini';

const placementId = z.string().check(z.minLength(1));

/** A Task state's step: the Payload it is sent (besides `step`), checked, and what it runs. */
export interface Step<Deps> {
  input: z.ZodMiniType<{ placementId: string }>;
  /** Parses the Payload with `input`, then runs the step; the result is the Task's output. */
  run(deps: Deps, payload: unknown): Promise<unknown>;
}

export function step<Deps, Input extends z.ZodMiniType<{ placementId: string }>>(
  input: Input,
  run: (deps: Deps, parsed: z.infer<Input>) => Promise<unknown>,
): Step<Deps> {
  return { input, run: (deps, payload) => run(deps, input.parse(payload)) };
}

export const onPlacement = z.object({ placementId });
export const withTaskToken = z.object({ placementId, taskToken: z.string().check(z.minLength(1)) });

/** Steps that need only the placement: most of them, since the placement is the truth. */
export function placementSteps<Deps, Names extends string>(runs: Record<Names, (deps: Deps, placementId: string) => Promise<unknown>>) {
  const entries = Object.entries(runs) as [Names, (deps: Deps, placementId: string) => Promise<unknown>][];
  return Object.fromEntries(entries.map(([name, run]) => [name, step(onPlacement, (deps: Deps, parsed) => run(deps, parsed.placementId))])) as Record<
    Names,
    Step<Deps>
  >;
}
