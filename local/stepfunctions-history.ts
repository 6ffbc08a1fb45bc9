import { localRegion, stepFunctionsRoleArn } from './arns';
import type { TaskTokens } from './stepfunctions-tokens';
import { waitForTaskTokenResource, type Execution, type ExecutionStatus, type TaskDefinition } from './stepfunctions-types';

/** An entry of aws-local-stepfunctions' event log, as far as the history reads it. */
export interface LibraryEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  output?: unknown;
  Error?: string;
  Cause?: unknown;
}

function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function causeText(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause ?? '');
}

function append(execution: Execution, type: string, timestamp: Date, details: Record<string, unknown>): void {
  const id = execution.history.length + 1;
  execution.history.push({ id, previousEventId: id - 1, timestamp, type, details });
}

/** A callback task's function has run: the task now waits for its token. */
export function appendTaskSubmitted(execution: Execution, output: unknown): void {
  append(execution, 'TaskSubmitted', new Date(), {
    taskSubmittedEventDetails: { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', output: toJsonText(output) },
  });
}

/**
 * Turns aws-local-stepfunctions' event log into AWS's execution history and final status. A task's
 * timeout and the execution's end close the task tokens concerned.
 */
export async function recordHistory(
  execution: Execution,
  events: AsyncGenerator<LibraryEvent>,
  tokens: TaskTokens,
  statusChanged: (execution: Execution) => void = () => undefined,
): Promise<void> {
  // Task states whose last attempt failed: a caught failure still exits the state, with no TaskSucceeded.
  const failedTasks = new Set<string>();

  for await (const event of events) {
    const at = new Date(event.timestamp);
    const state = event.state;
    const task = state?.type === 'Task' ? execution.machine.tasks.get(state.name) : undefined;
    const resource = task?.Resource === waitForTaskTokenResource ? 'invoke.waitForTaskToken' : 'invoke';
    switch (event.type) {
      case 'ExecutionStarted':
        append(execution, 'ExecutionStarted', at, {
          executionStartedEventDetails: { input: execution.input, inputDetails: { truncated: false }, roleArn: stepFunctionsRoleArn },
        });
        break;
      case 'StateEntered':
        if (!state) break;
        append(execution, `${state.type}StateEntered`, at, {
          stateEnteredEventDetails: { name: state.name, input: toJsonText(state.input), inputDetails: { truncated: false } },
        });
        if (task) appendTaskScheduled(execution, state.name, task, resource, at);
        failedTasks.delete(state.name);
        break;
      case 'StateRetried':
        if (task && state) appendTaskScheduled(execution, state.name, task, resource, at);
        if (state) failedTasks.delete(state.name);
        break;
      case 'StateFailed':
        if (!task || !state) break;
        failedTasks.add(state.name);
        if (event.Error === 'States.Timeout' || event.Error === 'States.HeartbeatTimeout') {
          tokens.timeOut(execution, state.name);
          append(execution, 'TaskTimedOut', at, {
            taskTimedOutEventDetails: { resourceType: 'lambda', resource, error: event.Error, cause: causeText(event.Cause) },
          });
        } else {
          append(execution, 'TaskFailed', at, {
            taskFailedEventDetails: { resourceType: 'lambda', resource, error: event.Error ?? '', cause: causeText(event.Cause) },
          });
        }
        break;
      case 'StateExited':
        if (!state) break;
        if (task && !failedTasks.has(state.name)) {
          append(execution, 'TaskSucceeded', at, {
            taskSucceededEventDetails: { resourceType: 'lambda', resource, output: toJsonText(execution.taskResults.get(state.name)) },
          });
        }
        append(execution, `${state.type}StateExited`, at, {
          stateExitedEventDetails: { name: state.name, output: toJsonText(state.output), outputDetails: { truncated: false } },
        });
        break;
      case 'ExecutionSucceeded':
        finish(execution, tokens, 'SUCCEEDED', at, { output: toJsonText(event.output) }, statusChanged);
        append(execution, 'ExecutionSucceeded', at, {
          executionSucceededEventDetails: { output: execution.output, outputDetails: { truncated: false } },
        });
        break;
      case 'ExecutionFailed':
        finish(execution, tokens, 'FAILED', at, { error: event.Error ?? '', cause: causeText(event.Cause) }, statusChanged);
        append(execution, 'ExecutionFailed', at, { executionFailedEventDetails: { error: execution.error, cause: execution.cause } });
        break;
      case 'ExecutionTimeout':
        finish(execution, tokens, 'TIMED_OUT', at, { error: 'States.Timeout' }, statusChanged);
        append(execution, 'ExecutionTimedOut', at, { executionTimedOutEventDetails: { error: 'States.Timeout' } });
        break;
      case 'ExecutionAborted':
        append(execution, 'ExecutionAborted', execution.stopDate ?? at, {
          executionAbortedEventDetails: { error: execution.error, cause: execution.cause },
        });
        forgetTaskData(execution);
        break;
      default:
        break;
    }
  }
}

function appendTaskScheduled(execution: Execution, stateName: string, task: TaskDefinition, resource: string, at: Date): void {
  append(execution, 'TaskScheduled', at, {
    taskScheduledEventDetails: {
      resourceType: 'lambda',
      resource,
      region: localRegion,
      parameters: toJsonText(execution.taskParameters.get(stateName)),
      ...(task.TimeoutSeconds !== undefined ? { timeoutInSeconds: task.TimeoutSeconds } : {}),
      ...(task.HeartbeatSeconds !== undefined ? { heartbeatInSeconds: task.HeartbeatSeconds } : {}),
    },
  });
  append(execution, 'TaskStarted', at, { taskStartedEventDetails: { resourceType: 'lambda', resource } });
}

/** The first end the event log reports is the execution's (a stop has already set ABORTED, and told of it). */
function finish(
  execution: Execution,
  tokens: TaskTokens,
  status: ExecutionStatus,
  at: Date,
  fields: { output?: string; error?: string; cause?: string },
  statusChanged: (execution: Execution) => void,
): void {
  const ended = execution.status === 'RUNNING';
  if (ended) {
    execution.status = status;
    execution.stopDate = at;
    Object.assign(execution, fields);
  }
  tokens.close(execution);
  forgetTaskData(execution);
  if (ended) statusChanged(execution);
}

/** An ended execution records no more task events: what they would have read can go (it is in the history). */
function forgetTaskData(execution: Execution): void {
  execution.taskParameters.clear();
  execution.taskResults.clear();
}
