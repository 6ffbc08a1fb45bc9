import { afterAll, beforeAll } from 'vitest';
import type { SelectionInput } from './fixtures';
import { recordSelection, type PlacementSeen } from './lifecycle';
import { startTestSystem, type LocalSystem, type TestSystemOptions } from './local-system';

/** The system of a test file and the placements selected on it, readable once its beforeAll ran. */
export type Scenario<Name extends string> = { readonly system: LocalSystem } & { readonly [K in Name]: PlacementSeen };

/**
 * The set-up of a lifecycle test file: registers a beforeAll that starts the test system at `now` and
 * records `selections` in order, and an afterAll that stops it. Read the system and the placements
 * (by the names given) inside tests and later hooks; a file's own beforeAll runs after this one.
 */
export function selectionScenario<const Name extends string>(options: {
  now: string;
  selections: Record<Name, SelectionInput>;
  /** Fire the manifest's schedules (check-ins, digests), all as `npm start` does or only those named; off by default in tests. */
  scheduler?: NonNullable<TestSystemOptions['scheduler']>;
}): Scenario<Name> {
  let system: LocalSystem | undefined;
  const placements = new Map<string, PlacementSeen>();
  const notYet = (what: string) => new Error(`${what} is set up in beforeAll: read it inside a test or a later hook`);

  beforeAll(async () => {
    system = await startTestSystem({ now: new Date(options.now), scheduler: options.scheduler ?? false });
    for (const [name, selection] of Object.entries<SelectionInput>(options.selections)) {
      placements.set(name, await recordSelection(system, selection));
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  const scenario = {
    get system(): LocalSystem {
      if (system === undefined) throw notYet('The system');
      return system;
    },
  };
  for (const name of Object.keys(options.selections)) {
    if (name === 'system') throw new Error('A selection cannot be named "system"');
    Object.defineProperty(scenario, name, {
      enumerable: true,
      get: () => {
        const placement = placements.get(name);
        if (placement === undefined) throw notYet(`The placement "${name}"`);
        return placement;
      },
    });
  }
  return scenario as Scenario<Name>;
}
