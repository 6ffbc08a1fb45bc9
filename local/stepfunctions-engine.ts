import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { executionArn, isExecutionArn, isStateMachineArn, stateMachineArn, stepFunctionsRoleArn } from './arns';
import { functionArn, type LocalFunctions } from './functions';
import { recordHistory } from './stepfunctions-history';
import { taskHandlers, withTaskTimeouts } from './stepfunctions-tasks';
import { TaskTokens } from './stepfunctions-tokens';
import { SfnError, type Execution, type LoadedStateMachine, type LocalStateMachineSpec, type TaskDefinition } from './stepfunctions-types';

const aslShapeSchema = z.looseObject({
  StartAt: z.string(),
  States: z.record(z.string(), z.looseObject({ Type: z.string() })),
});

/**
 * Runs executions of the loaded state machines with aws-local-stepfunctions, Task states calling
 * the handlers in-process, and keeps what the Step Functions API reports about them: status,
 * history in AWS's event vocabulary, task tokens.
 */
export class StepFunctionsEngine {
  readonly machines = new Map<string, LoadedStateMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new TaskTokens();

  /** `statusChanged` hears of each status an execution enters (EventBridge's status-change events). */
  constructor(
    private readonly functions: LocalFunctions,
    private readonly statusChanged: (execution: Execution) => void = () => undefined,
  ) {}

  load(spec: LocalStateMachineSpec): LoadedStateMachine {
    let text = readFileSync(spec.definitionPath, 'utf8');
    for (const [placeholder, functionName] of Object.entries(spec.substitutions)) {
      if (!this.functions.has(functionName)) throw new Error(`${spec.name}: substitution ${placeholder} names an unknown function ${functionName}.`);
      text = text.replaceAll(`\${${placeholder}}`, functionArn(functionName));
    }
    const unfilled = /\$\{([A-Za-z0-9_]+)\}/.exec(text);
    if (unfilled) throw new Error(`${spec.name}: the placeholder \${${unfilled[1]}} in ${spec.definitionPath} has no substitution.`);
    const parsed: unknown = JSON.parse(text);
    aslShapeSchema.parse(parsed);
    const tasks = new Map<string, TaskDefinition>();
    // asl-validator (run by the StateMachine constructor) checks the whole definition.
    const runnable = withTaskTimeouts(structuredClone(parsed) as StateMachineDefinition, tasks);
    const machine: LoadedStateMachine = {
      arn: stateMachineArn(spec.name),
      name: spec.name,
      description: spec.description ?? '',
      definition: text,
      substitutions: { ...spec.substitutions },
      creationDate: new Date(),
      runner: new StateMachine(runnable, { validationOptions: { checkArn: true, checkPaths: true } }),
      tasks,
    };
    this.machines.set(machine.arn, machine);
    return machine;
  }

  machine(arn: string): LoadedStateMachine {
    const machine = this.machines.get(arn);
    if (machine) return machine;
    if (!isStateMachineArn(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }

  execution(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (execution) return execution;
    if (!isExecutionArn(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }

  listExecutions(machineArn: string): Execution[] {
    const machine = this.machine(machineArn);
    return [...this.executions.values()]
      .filter((execution) => execution.machine === machine)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  /** As in AWS: a running execution with the same name and input is returned again; any other reuse of the name is refused. */
  start(machineArn: string, name: string | undefined, input: string): Execution {
    const machine = this.machine(machineArn);
    const executionName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(executionName)) throw new SfnError('InvalidName', `Invalid Name: '${executionName}'`);
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON.');
    }
    const arn = executionArn(machine.arn, executionName);
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution: Execution = {
      arn,
      name: executionName,
      machine,
      input,
      startDate: new Date(),
      status: 'RUNNING',
      history: [],
      abort: () => undefined,
      taskParameters: new Map(),
      taskResults: new Map(),
    };
    this.executions.set(arn, execution);
    this.run(execution, parsedInput);
    this.statusChanged(execution);
    return execution;
  }

  stop(arn: string, error: string | undefined, cause: string | undefined): Execution {
    const execution = this.execution(arn);
    if (execution.status !== 'RUNNING') return execution;
    execution.status = 'ABORTED';
    execution.stopDate = new Date();
    execution.error = error;
    execution.cause = cause;
    this.tokens.close(execution);
    execution.abort();
    this.statusChanged(execution);
    return execution;
  }

  sendTaskSuccess(token: string, output: string): void {
    this.tokens.succeed(token, output);
  }

  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): void {
    this.tokens.fail(token, error, cause);
  }

  sendTaskHeartbeat(token: string): void {
    this.tokens.heartbeat(token);
  }

  private run(execution: Execution, input: unknown): void {
    const { machine } = execution;
    const tokens = this.tokens;
    const run = machine.runner.run(input as Parameters<StateMachine['run']>[0], {
      overrides: { taskResourceLocalHandlers: taskHandlers(execution, this.functions, tokens) as never },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: execution.arn, Name: execution.name, RoleArn: stepFunctionsRoleArn },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: {
          get Token() {
            return tokens.read(execution);
          },
        },
      },
    });
    execution.abort = run.abort;
    // The outcome is read from the event log; the result promise only must not go unhandled.
    run.result.catch(() => undefined);
    void recordHistory(execution, run.eventLogs, tokens, this.statusChanged);
  }
}
