import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { localAccountId, localRegion } from './config';
import { FunctionError, functionArn, type LocalFunctions } from './functions';

/** A state machine the local service runs: an ASL file and the functions filling its `${…}` placeholders. */
export interface LocalStateMachineSpec {
  name: string;
  /** Absolute path of the ASL file. */
  definitionPath: string;
  description?: string;
  /** `${Placeholder}` → function name. */
  substitutions: Record<string, string>;
}

/** An error the Step Functions API answers with (`__type`), as AWS names it. */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  details: Record<string, unknown>;
}

export interface LoadedStateMachine {
  arn: string;
  name: string;
  description: string;
  /** The definition after substitution, as DescribeStateMachine returns it. */
  definition: string;
  substitutions: Record<string, string>;
  creationDate: Date;
  runner: StateMachine;
  /** Every Task state (nested ones included) by name. */
  tasks: Map<string, TaskDefinition>;
}

interface TaskDefinition {
  Resource: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
}

export interface Execution {
  arn: string;
  name: string;
  machine: LoadedStateMachine;
  input: string;
  startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  abort: () => void;
  /** The last task token `$$.Task.Token` produced, claimed by the callback task that asked for it. */
  issuedToken?: string;
  /** Raw task results and the parameters each task was called with, by state name, for the history. */
  taskResults: Map<string, unknown>;
  taskParameters: Map<string, unknown>;
  /** Task states whose last attempt failed (a caught failure still exits the state). */
  failedTasks: Set<string>;
}

type TokenStatus = 'issued' | 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'closed';

interface TaskToken {
  status: TokenStatus;
  execution: Execution;
  stateName?: string;
  resolve?: (output: unknown) => void;
  reject?: (error: Error) => void;
  heartbeat?: { seconds: number; timer?: ReturnType<typeof setTimeout> };
}

const tokenPattern = /^AQB[A-Za-z0-9_-]{64}$/;
const roleArn = `arn:aws:iam::${localAccountId}:role/local-step-functions`;
/** AWS imposes no state timeout unless TimeoutSeconds is set; aws-local-stepfunctions would apply 60 s. */
const unlimitedTaskSeconds = 99_999_999;

/** A Task failure that carries the error name States matches Retry/Catch on. */
class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

const aslShapeSchema = z.looseObject({
  StartAt: z.string(),
  States: z.record(z.string(), z.looseObject({ Type: z.string() })),
});

const lambdaParametersSchema = z.looseObject({ FunctionName: z.string(), Payload: z.unknown().optional() });

function stateMachineArn(name: string): string {
  return `arn:aws:states:${localRegion}:${localAccountId}:stateMachine:${name}`;
}

function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * Runs executions of the loaded state machines with aws-local-stepfunctions, Task states calling
 * the handlers in-process, and keeps what the Step Functions API reports about them: status,
 * history in AWS's event vocabulary, task tokens.
 */
export class StepFunctionsEngine {
  readonly machines = new Map<string, LoadedStateMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new Map<string, TaskToken>();

  constructor(private readonly functions: LocalFunctions) {}

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
    if (!/^arn:aws:states:[^:]+:\d{12}:stateMachine:[^:]+$/.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }

  execution(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (execution) return execution;
    if (!/^arn:aws:states:[^:]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }

  listExecutions(machineArn: string): Execution[] {
    const machine = this.machine(machineArn);
    return [...this.executions.values()]
      .filter((execution) => execution.machine === machine)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  /** As in AWS: a running execution with the same name and input is returned again; any other reuse of the name is refused. */
  start(machineArn: string, name: string | undefined, input: string): { execution: Execution; created: boolean } {
    const machine = this.machine(machineArn);
    const executionName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(executionName)) throw new SfnError('InvalidName', `Invalid Name: '${executionName}'`);
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON.');
    }
    const arn = `arn:aws:states:${localRegion}:${localAccountId}:execution:${machine.name}:${executionName}`;
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return { execution: existing, created: false };
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
      taskResults: new Map(),
      taskParameters: new Map(),
      failedTasks: new Set(),
    };
    this.executions.set(arn, execution);
    this.run(execution, parsedInput);
    return { execution, created: true };
  }

  stop(arn: string, error: string | undefined, cause: string | undefined): Execution {
    const execution = this.execution(arn);
    if (execution.status !== 'RUNNING') return execution;
    execution.status = 'ABORTED';
    execution.stopDate = new Date();
    execution.error = error;
    execution.cause = cause;
    this.closeTokens(execution);
    execution.abort();
    return execution;
  }

  sendTaskSuccess(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid Output: the output is not valid JSON.');
    }
    const task = this.waitingTask(token);
    task.status = 'succeeded';
    this.clearHeartbeat(task);
    task.resolve?.(parsed);
  }

  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): void {
    const task = this.waitingTask(token);
    task.status = 'failed';
    this.clearHeartbeat(task);
    task.reject?.(new TaskFailure(error ?? 'States.TaskFailed', cause ?? ''));
  }

  sendTaskHeartbeat(token: string): void {
    const task = this.waitingTask(token);
    if (task.heartbeat) this.armHeartbeat(token, task);
  }

  private waitingTask(token: string): TaskToken {
    if (!tokenPattern.test(token)) throw new SfnError('InvalidToken', 'Invalid Token: the task token is malformed.');
    const task = this.tokens.get(token);
    if (!task || task.status === 'issued' || task.status === 'succeeded' || task.status === 'failed') {
      throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist: the token is unknown or its task already completed.');
    }
    if (task.status === 'timedOut' || task.status === 'closed') {
      throw new SfnError('TaskTimedOut', 'Task Timed Out: the task timed out or its execution has ended.');
    }
    return task;
  }

  private issueToken(execution: Execution): string {
    const token = `AQB${randomBytes(48).toString('base64url')}`;
    this.tokens.set(token, { status: 'issued', execution });
    execution.issuedToken = token;
    return token;
  }

  private run(execution: Execution, input: unknown): void {
    const { machine } = execution;
    const taskResourceLocalHandlers = Object.fromEntries(
      [...machine.tasks.entries()].map(([stateName, task]) => [stateName, (taskInput: unknown) => this.runTask(execution, stateName, task, taskInput)]),
    );
    const issueToken = () => this.issueToken(execution);
    const run = machine.runner.run(input as Parameters<StateMachine['run']>[0], {
      overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: execution.arn, Name: execution.name, RoleArn: roleArn },
        StateMachine: { Id: machine.arn, Name: machine.name },
        // aws-local-stepfunctions does not fill $$.Task.Token: a token is issued on first read and
        // claimed by the callback task that asked for it (the next attempt gets a fresh one).
        Task: {
          get Token() {
            return execution.issuedToken ?? issueToken();
          },
        },
      },
    });
    execution.abort = run.abort;
    // The outcome is read from the event log; the result promise only must not go unhandled.
    run.result.catch(() => undefined);
    void this.record(execution, run.eventLogs);
  }

  private async runTask(execution: Execution, stateName: string, task: TaskDefinition, taskInput: unknown): Promise<unknown> {
    // A copy without the carried timeout: the library still reads it from the original after this call.
    const input: unknown =
      typeof taskInput === 'object' && taskInput !== null && timeoutParameter in taskInput
        ? Object.fromEntries(Object.entries(taskInput).filter(([key]) => key !== timeoutParameter))
        : taskInput;
    // A stopped execution may still retry a failed task: never call a handler for it again.
    if (execution.status !== 'RUNNING') throw new TaskFailure('States.Runtime', 'The execution has ended.');
    const callback = task.Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken';
    const token = callback ? (execution.issuedToken ?? this.issueToken(execution)) : undefined;
    execution.issuedToken = undefined;
    execution.taskParameters.set(stateName, input);

    let functionName: string | undefined;
    let payload: unknown;
    if (task.Resource === 'arn:aws:states:::lambda:invoke' || callback) {
      const parameters = lambdaParametersSchema.safeParse(input);
      if (!parameters.success) throw new TaskFailure('States.Runtime', 'lambda:invoke needs Parameters with a FunctionName.');
      functionName = this.functions.resolve(parameters.data.FunctionName);
      payload = parameters.data.Payload ?? input;
    } else if (task.Resource.startsWith('arn:aws:lambda:')) {
      functionName = this.functions.resolve(task.Resource);
      payload = input;
    } else {
      throw new TaskFailure('States.Runtime', `The resource ${task.Resource} is not supported by the local Step Functions service.`);
    }
    if (functionName === undefined) throw new TaskFailure('Lambda.ResourceNotFoundException', 'Function not found.');

    let waiting: Promise<unknown> | undefined;
    if (token !== undefined) {
      const record = this.tokens.get(token);
      if (record) {
        waiting = new Promise((resolve, reject) => {
          record.status = 'waiting';
          record.stateName = stateName;
          record.resolve = resolve;
          record.reject = reject;
        });
        // It may be rejected (execution stopped) while the handler is still running.
        waiting.catch(() => undefined);
        if (task.HeartbeatSeconds !== undefined) {
          record.heartbeat = { seconds: task.HeartbeatSeconds };
          this.armHeartbeat(token, record);
        }
      }
    }

    let result: unknown;
    try {
      result = await this.functions.invoke(functionName, payload);
    } catch (error) {
      if (token !== undefined) this.settleToken(token, 'failed');
      const failure = FunctionError.from(error);
      throw new TaskFailure(failure.errorType, JSON.stringify({ errorType: failure.errorType, errorMessage: failure.errorMessage, trace: failure.trace }));
    }
    const integrationResult = task.Resource.startsWith('arn:aws:lambda:') ? result : { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    if (!waiting) {
      execution.taskResults.set(stateName, integrationResult);
      return integrationResult;
    }
    // Let the event log catch up so TaskSubmitted follows TaskStarted in the history.
    await new Promise((resolve) => setImmediate(resolve));
    this.append(execution, 'TaskSubmitted', new Date(), {
      taskSubmittedEventDetails: { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', output: toJsonText(integrationResult) },
    });
    const output = await waiting;
    execution.taskResults.set(stateName, output);
    return output;
  }

  private armHeartbeat(token: string, task: TaskToken): void {
    const heartbeat = task.heartbeat;
    if (!heartbeat) return;
    if (heartbeat.timer) clearTimeout(heartbeat.timer);
    heartbeat.timer = setTimeout(() => {
      if (task.status !== 'waiting') return;
      task.status = 'timedOut';
      task.reject?.(new TaskFailure('States.HeartbeatTimeout', 'No heartbeat within HeartbeatSeconds.'));
    }, heartbeat.seconds * 1000);
  }

  private clearHeartbeat(task: TaskToken): void {
    if (task.heartbeat?.timer) clearTimeout(task.heartbeat.timer);
  }

  /** Ends a token's life; a task still waiting on it fails, so a stopped execution unwinds at once. */
  private settleToken(token: string, status: TokenStatus): void {
    const task = this.tokens.get(token);
    if (!task || (task.status !== 'waiting' && task.status !== 'issued')) return;
    const wasWaiting = task.status === 'waiting';
    task.status = status;
    this.clearHeartbeat(task);
    if (wasWaiting) task.reject?.(new TaskFailure('States.Runtime', `The task token is ${status}.`));
  }

  private closeTokens(execution: Execution, stateName?: string, status: TokenStatus = 'closed'): void {
    for (const [token, task] of this.tokens) {
      if (task.execution !== execution || (stateName !== undefined && task.stateName !== stateName)) continue;
      this.settleToken(token, status);
    }
  }

  private append(execution: Execution, type: string, timestamp: Date, details: Record<string, unknown>): void {
    const id = execution.history.length + 1;
    execution.history.push({ id, previousEventId: id - 1, timestamp, type, details });
  }

  /** Turns aws-local-stepfunctions' event log into AWS's execution history and final status. */
  private async record(execution: Execution, events: AsyncGenerator<LibraryEvent>): Promise<void> {
    for await (const event of events) {
      const at = new Date(event.timestamp);
      const state = event.state;
      const task = state?.type === 'Task' ? execution.machine.tasks.get(state.name) : undefined;
      const resource = task?.Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken' ? 'invoke.waitForTaskToken' : 'invoke';
      switch (event.type) {
        case 'ExecutionStarted':
          this.append(execution, 'ExecutionStarted', at, {
            executionStartedEventDetails: { input: execution.input, inputDetails: { truncated: false }, roleArn },
          });
          break;
        case 'StateEntered':
          if (!state) break;
          this.append(execution, `${state.type}StateEntered`, at, {
            stateEnteredEventDetails: { name: state.name, input: toJsonText(state.input), inputDetails: { truncated: false } },
          });
          if (task) this.appendTaskScheduled(execution, state.name, task, resource, at);
          execution.failedTasks.delete(state.name);
          break;
        case 'StateRetried':
          if (task && state) this.appendTaskScheduled(execution, state.name, task, resource, at);
          if (state) execution.failedTasks.delete(state.name);
          break;
        case 'StateFailed':
          if (!task || !state) break;
          execution.failedTasks.add(state.name);
          if (event.Error === 'States.Timeout' || event.Error === 'States.HeartbeatTimeout') {
            this.closeTokens(execution, state.name, 'timedOut');
            this.append(execution, 'TaskTimedOut', at, {
              taskTimedOutEventDetails: { resourceType: 'lambda', resource, error: event.Error, cause: causeText(event.Cause) },
            });
          } else {
            this.append(execution, 'TaskFailed', at, {
              taskFailedEventDetails: { resourceType: 'lambda', resource, error: event.Error ?? '', cause: causeText(event.Cause) },
            });
          }
          break;
        case 'StateExited':
          if (!state) break;
          if (task && !execution.failedTasks.has(state.name)) {
            this.append(execution, 'TaskSucceeded', at, {
              taskSucceededEventDetails: { resourceType: 'lambda', resource, output: toJsonText(execution.taskResults.get(state.name)) },
            });
          }
          this.append(execution, `${state.type}StateExited`, at, {
            stateExitedEventDetails: { name: state.name, output: toJsonText(state.output), outputDetails: { truncated: false } },
          });
          break;
        case 'ExecutionSucceeded':
          this.finish(execution, 'SUCCEEDED', at, { output: toJsonText(event.output) });
          this.append(execution, 'ExecutionSucceeded', at, {
            executionSucceededEventDetails: { output: execution.output, outputDetails: { truncated: false } },
          });
          break;
        case 'ExecutionFailed':
          this.finish(execution, 'FAILED', at, { error: event.Error ?? '', cause: causeText(event.Cause) });
          this.append(execution, 'ExecutionFailed', at, { executionFailedEventDetails: { error: execution.error, cause: execution.cause } });
          break;
        case 'ExecutionTimeout':
          this.finish(execution, 'TIMED_OUT', at, { error: 'States.Timeout' });
          this.append(execution, 'ExecutionTimedOut', at, { executionTimedOutEventDetails: { error: 'States.Timeout' } });
          break;
        case 'ExecutionAborted':
          this.append(execution, 'ExecutionAborted', execution.stopDate ?? at, {
            executionAbortedEventDetails: { error: execution.error, cause: execution.cause },
          });
          break;
        default:
          break;
      }
    }
  }

  private appendTaskScheduled(execution: Execution, stateName: string, task: TaskDefinition, resource: string, at: Date): void {
    this.append(execution, 'TaskScheduled', at, {
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource,
        region: localRegion,
        parameters: toJsonText(execution.taskParameters.get(stateName)),
        ...(task.TimeoutSeconds !== undefined && task.TimeoutSeconds !== unlimitedTaskSeconds ? { timeoutInSeconds: task.TimeoutSeconds } : {}),
        ...(task.HeartbeatSeconds !== undefined ? { heartbeatInSeconds: task.HeartbeatSeconds } : {}),
      },
    });
    this.append(execution, 'TaskStarted', at, { taskStartedEventDetails: { resourceType: 'lambda', resource } });
  }

  private finish(execution: Execution, status: ExecutionStatus, at: Date, fields: { output?: string; error?: string; cause?: string }): void {
    if (execution.status === 'RUNNING') {
      execution.status = status;
      execution.stopDate = at;
      Object.assign(execution, fields);
    }
    this.closeTokens(execution);
  }
}

interface LibraryEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  output?: unknown;
  Error?: string;
  Cause?: unknown;
}

function causeText(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause ?? '');
}

/** Carries a TimeoutSecondsPath value through Parameters; stripped again before the task runs. */
const timeoutParameter = '__timeoutSeconds';

/**
 * The definition handed to aws-local-stepfunctions: Task states without TimeoutSeconds get AWS's
 * "no timeout" instead of the library's 60 s default. The library reads TimeoutSecondsPath from the
 * task's Parameters output, AWS from the state's input: the path is evaluated into a Parameters
 * field so both see the same value. Collects every Task state on the way.
 */
function withTaskTimeouts(definition: StateMachineDefinition, tasks: Map<string, TaskDefinition>): StateMachineDefinition {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') {
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = unlimitedTaskSeconds;
      const parameters: unknown = Reflect.get(state, 'Parameters');
      if (state.TimeoutSecondsPath !== undefined && typeof parameters === 'object' && parameters !== null) {
        Reflect.set(parameters, `${timeoutParameter}.$`, state.TimeoutSecondsPath);
        state.TimeoutSecondsPath = `$.${timeoutParameter}`;
      }
      const heartbeat: unknown = Reflect.get(state, 'HeartbeatSeconds');
      tasks.set(name, {
        Resource: state.Resource,
        TimeoutSeconds: state.TimeoutSeconds,
        HeartbeatSeconds: typeof heartbeat === 'number' ? heartbeat : undefined,
      });
    }
    if (state.Type === 'Parallel') for (const branch of state.Branches) withTaskTimeouts(branch, tasks);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) withTaskTimeouts(processor, tasks);
    }
  }
  return definition;
}
