import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskDoesNotExist, TaskTimedOut, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { stepFunctionsPlacementWorkflow } from '../../../functions/adapters/stepfunctions/placement-workflow';

const sfn = mockClient(SFNClient);
const stateMachineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:PlacementLifecycle';
const workflow = stepFunctionsPlacementWorkflow(new SFNClient({}), stateMachineArn);

beforeEach(() => sfn.reset());

describe('resuming a waiting lifecycle task', () => {
  it('reports a task that already timed out or finished as closed, not as an error', async () => {
    sfn
      .on(SendTaskSuccessCommand)
      .rejectsOnce(new TaskTimedOut({ message: 'timed out', $metadata: {} }))
      .rejectsOnce(new TaskDoesNotExist({ message: 'gone', $metadata: {} }));
    await expect(workflow.resume('token-1', { signed: true })).resolves.toBe('already-closed');
    await expect(workflow.resume('token-2', { signed: true })).resolves.toBe('already-closed');
  });

  it('lets any other failure through so the provider retries the delivery', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new Error('throttled'));
    await expect(workflow.resume('token-3', {})).rejects.toThrow('throttled');
  });
});

describe('starting a placement lifecycle', () => {
  it('treats an execution that already exists under the placement’s name as running', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(workflow.start('p1', 'p1-1')).resolves.toEqual({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:PlacementLifecycle:p1-1',
      alreadyRunning: true,
    });
  });
});
