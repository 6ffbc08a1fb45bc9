import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentStepNames } from '../../functions/application/lifecycle/document-steps';
import { lifecycleStepNames } from '../../functions/application/lifecycle/steps';
import { stateMachines } from '../../lib/manifest';
import { placementLifecycleAsl } from '../../statemachines/placement-lifecycle';

type AslValidator = (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };
const validateAsl = createRequire(import.meta.url)('asl-validator') as AslValidator;

const folder = path.resolve(import.meta.dirname, '..', '..', 'statemachines');
const aslFiles = readdirSync(folder).filter((file) => file.endsWith('.asl.json'));

const stateSchema = z.looseObject({
  Type: z.string(),
  Resource: z.string().optional(),
  Retry: z.array(z.looseObject({ ErrorEquals: z.array(z.string()) })).optional(),
  Catch: z.array(z.looseObject({ ErrorEquals: z.array(z.string()), Next: z.string() })).optional(),
});
const aslSchema = z.looseObject({ StartAt: z.string(), States: z.record(z.string(), stateSchema) });
const readAsl = (file: string) => readFileSync(path.join(folder, file), 'utf8');

describe('state machine definitions', () => {
  it('are each used by the manifest, and every manifest definition exists', () => {
    const used = Object.values(stateMachines).map((machine) => path.basename(machine.definition));
    expect(aslFiles.sort()).toEqual(used.sort());
  });

  it.each(aslFiles)('%s is valid Amazon States Language (JSONPath)', (file) => {
    const result = validateAsl(JSON.parse(readAsl(file)));
    expect(result.errorsText(), file).toBe('');
    expect(result.isValid).toBe(true);
  });

  it.each(Object.entries(stateMachines))('%s has a substitution for every ${placeholder}, and no unused one', (_name, machine) => {
    const text = readFileSync(path.resolve(folder, '..', machine.definition), 'utf8');
    const placeholders = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]));
    expect([...placeholders].sort()).toEqual(Object.keys(machine.substitutions).sort());
  });

  it.each(aslFiles)('%s retries every task on Lambda service errors and catches its failures', (file) => {
    const { States } = aslSchema.parse(JSON.parse(readAsl(file)));
    const tasks = Object.entries(States).filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, task] of tasks) {
      expect(task.Retry?.some((retry) => retry.ErrorEquals.includes('Lambda.ServiceException')), name).toBe(true);
      // The state that flags a failure has nowhere further to go: it retries and then fails the execution.
      if (name !== 'Flag the placement for attention') {
        expect(task.Catch?.some((handler) => handler.ErrorEquals.includes('States.ALL')), name).toBe(true);
      }
    }
  });

  it('placement-lifecycle.asl.json is what its builder writes (run `npm run asl` after changing statemachines/placement-lifecycle.ts)', () => {
    expect(readAsl('placement-lifecycle.asl.json')).toBe(placementLifecycleAsl);
  });

  it('asks the lifecycle and the document function each for exactly the steps it has, each at least once', () => {
    const { States } = aslSchema.parse(JSON.parse(readAsl('placement-lifecycle.asl.json')));
    const taskSchema = z.object({ FunctionName: z.string(), Payload: z.object({ step: z.string() }).loose() }).loose();
    const tasks = Object.values(States).flatMap((state) => {
      const parameters = taskSchema.safeParse(state.Parameters);
      return parameters.success ? [{ functionArn: parameters.data.FunctionName, step: parameters.data.Payload.step }] : [];
    });
    const stepsOf = (functionArn: string) => [...new Set(tasks.filter((task) => task.functionArn === functionArn).map((task) => task.step))].sort();
    expect(tasks.length).toBe(Object.values(States).filter((state) => state.Type === 'Task').length);
    expect(stepsOf('${LifecycleStepFunctionArn}')).toEqual([...lifecycleStepNames].sort());
    expect(stepsOf('${DocumentStepFunctionArn}')).toEqual([...documentStepNames].sort());
    expect(stepsOf('${DocumentStepFunctionArn}')).toEqual(['issueCertificate', 'prepareContractAndReserve']);
  });

  it('points each function placeholder at its function in the manifest', () => {
    expect(stateMachines.placementLifecycle.substitutions).toMatchObject({ LifecycleStepFunctionArn: 'lifecycleStep', DocumentStepFunctionArn: 'documentStep' });
  });
});
