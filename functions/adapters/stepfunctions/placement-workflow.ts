import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { PlacementWorkflow } from '../../application/ports';

export function stepFunctionsPlacementWorkflow(client: SFNClient, stateMachineArn: string): PlacementWorkflow {
  const closedTask = (error: unknown) =>
    error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;
  const executionArnFor = (executionName: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
  return {
    executionArnFor,
    async start(placementId, executionName) {
      try {
        const { executionArn } = await client.send(
          new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify({ placementId }) }),
        );
        return { executionArn: executionArn ?? '', alreadyRunning: false };
      } catch (error) {
        // Same name, different input: a driver for this placement already exists under that name.
        if (error instanceof ExecutionAlreadyExists) {
          return { executionArn: executionArnFor(executionName), alreadyRunning: true };
        }
        throw error;
      }
    },
    async resume(taskToken, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? {}) }));
        return 'resumed';
      } catch (error) {
        // The task timed out into a reminder, or the execution moved on: the placement already holds the fact.
        if (closedTask(error)) return 'already-closed';
        throw error;
      }
    },
    async fail(taskToken, error, cause) {
      try {
        await client.send(new SendTaskFailureCommand({ taskToken, error, cause }));
        return 'resumed';
      } catch (failure) {
        if (closedTask(failure)) return 'already-closed';
        throw failure;
      }
    },
    async status(executionArn) {
      try {
        const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
        return status ?? 'missing';
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return 'missing';
        throw error;
      }
    },
    async stop(executionArn, cause) {
      try {
        await client.send(new StopExecutionCommand({ executionArn, cause }));
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return;
        throw error;
      }
    },
  };
}
