import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { z } from 'zod';
import { FunctionError, type LocalFunctions } from './functions';
import { appendTaskSubmitted } from './stepfunctions-history';
import type { TaskTokens } from './stepfunctions-tokens';
import { invokeResource, TaskFailure, waitForTaskTokenResource, type Execution, type TaskDefinition } from './stepfunctions-types';

/** How Task states run locally: each calls a handler in-process through `lambda:invoke`, or waits for its token after it. */

/** AWS imposes no state timeout unless TimeoutSeconds is set; aws-local-stepfunctions would apply 60 s. */
const unlimitedTaskSeconds = 99_999_999;
/** Carries a TimeoutSecondsPath value through Parameters; stripped again before the task runs. */
const timeoutParameter = '__timeoutSeconds';

const lambdaParametersSchema = z.looseObject({ FunctionName: z.string(), Payload: z.unknown().optional() });

/**
 * The definition handed to aws-local-stepfunctions: Task states without TimeoutSeconds get AWS's
 * "no timeout" instead of the library's 60 s default. The library reads TimeoutSecondsPath from the
 * task's Parameters output, AWS from the state's input: the path is evaluated into a Parameters
 * field so both see the same value. Collects every Task state, as defined, on the way.
 */
export function withTaskTimeouts(definition: StateMachineDefinition, tasks: Map<string, TaskDefinition>): StateMachineDefinition {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') {
      const heartbeat: unknown = Reflect.get(state, 'HeartbeatSeconds');
      tasks.set(name, {
        Resource: state.Resource,
        TimeoutSeconds: state.TimeoutSeconds,
        HeartbeatSeconds: typeof heartbeat === 'number' ? heartbeat : undefined,
      });
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = unlimitedTaskSeconds;
      const parameters: unknown = Reflect.get(state, 'Parameters');
      if (state.TimeoutSecondsPath !== undefined && typeof parameters === 'object' && parameters !== null) {
        Reflect.set(parameters, `${timeoutParameter}.$`, state.TimeoutSecondsPath);
        state.TimeoutSecondsPath = `$.${timeoutParameter}`;
      }
    }
    if (state.Type === 'Parallel') for (const branch of state.Branches) withTaskTimeouts(branch, tasks);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) withTaskTimeouts(processor, tasks);
    }
  }
  return definition;
}

/** The handlers aws-local-stepfunctions calls for an execution's Task states, by state name. */
export function taskHandlers(execution: Execution, functions: LocalFunctions, tokens: TaskTokens): Record<string, (input: unknown) => Promise<unknown>> {
  return Object.fromEntries(
    [...execution.machine.tasks].map(([stateName, task]) => [stateName, (input: unknown) => runTask(execution, stateName, task, input, functions, tokens)]),
  );
}

async function runTask(execution: Execution, stateName: string, task: TaskDefinition, taskInput: unknown, functions: LocalFunctions, tokens: TaskTokens): Promise<unknown> {
  // A copy without the carried timeout: the library still reads it from the original after this call.
  const input: unknown =
    typeof taskInput === 'object' && taskInput !== null && timeoutParameter in taskInput
      ? Object.fromEntries(Object.entries(taskInput).filter(([key]) => key !== timeoutParameter))
      : taskInput;
  // A stopped execution may still retry a failed task: never call a handler for it again.
  if (execution.status !== 'RUNNING') throw new TaskFailure('States.Runtime', 'The execution has ended.');
  const callback = task.Resource === waitForTaskTokenResource;
  const token = tokens.claim(execution, callback);
  execution.taskParameters.set(stateName, input);

  if (!callback && task.Resource !== invokeResource) {
    throw new TaskFailure('States.Runtime', `The resource ${task.Resource} is not supported by the local Step Functions service.`);
  }
  const parameters = lambdaParametersSchema.safeParse(input);
  if (!parameters.success) throw new TaskFailure('States.Runtime', 'lambda:invoke needs Parameters with a FunctionName.');
  const functionName = functions.resolve(parameters.data.FunctionName);
  if (functionName === undefined) throw new TaskFailure('Lambda.ResourceNotFoundException', 'Function not found.');

  const answer = token === undefined ? undefined : tokens.wait(token, stateName, task.HeartbeatSeconds);
  let result: unknown;
  try {
    result = await functions.invoke(functionName, parameters.data.Payload ?? input);
  } catch (error) {
    if (token !== undefined) tokens.abandon(token);
    const failure = FunctionError.from(error);
    throw new TaskFailure(failure.errorType, JSON.stringify({ errorType: failure.errorType, errorMessage: failure.errorMessage, trace: failure.trace }));
  }
  const invokeResult = { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
  if (answer === undefined) {
    execution.taskResults.set(stateName, invokeResult);
    return invokeResult;
  }
  // Let the event log catch up so TaskSubmitted follows TaskStarted in the history.
  await new Promise((resolve) => setImmediate(resolve));
  appendTaskSubmitted(execution, invokeResult);
  const output = await answer;
  execution.taskResults.set(stateName, output);
  return output;
}
