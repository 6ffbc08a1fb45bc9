import { describe, expect, it, vi } from 'vitest';
import { ActivityTracker } from '../../../local/activity';
import { executionArn, stateMachineArn } from '../../../local/arns';
import { executionStatusChange, LocalEventBus } from '../../../local/event-bus';
import type { LocalFunctions } from '../../../local/functions';
import type { Execution, LoadedStateMachine } from '../../../local/stepfunctions-types';

// The local EventBridge: Step Functions' status-change events in AWS's shape, delivered to the
// function of the manifest rule they match, after the sender carried on, and failures only logged.

function execution(machineName: string, changes: Partial<Execution> = {}): Execution {
  const machine = { arn: stateMachineArn(machineName), name: machineName } as LoadedStateMachine;
  return {
    arn: executionArn(machine.arn, 'p-1'),
    name: 'p-1',
    machine,
    input: '{"placementId":"p-1"}',
    startDate: new Date('2030-04-02T12:00:00.250Z'),
    status: 'ABORTED',
    stopDate: new Date('2030-04-02T14:00:00.500Z'),
    cause: 'stopped by hand',
    history: [],
    abort: () => undefined,
    taskParameters: new Map(),
    taskResults: new Map(),
    ...changes,
  };
}

function busWith(invoke: (name: string, event: unknown) => Promise<unknown>) {
  const activity = new ActivityTracker();
  const bus = new LocalEventBus({ invoke } as unknown as LocalFunctions, activity);
  return { bus, activity };
}

describe('the local event bus', () => {
  it('describes a stopped execution as AWS does', () => {
    const event = executionStatusChange(execution('placementLifecycle'));

    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account: '000000000000',
      time: '2030-04-02T14:00:00Z',
      region: 'us-east-1',
      resources: [executionArn(stateMachineArn('placementLifecycle'), 'p-1')],
      detail: {
        executionArn: executionArn(stateMachineArn('placementLifecycle'), 'p-1'),
        stateMachineArn: stateMachineArn('placementLifecycle'),
        name: 'p-1',
        status: 'ABORTED',
        startDate: Date.parse('2030-04-02T12:00:00.250Z'),
        stopDate: Date.parse('2030-04-02T14:00:00.500Z'),
        input: '{"placementId":"p-1"}',
        inputDetails: { included: true },
        output: null,
        outputDetails: null,
        error: null,
        cause: 'stopped by hand',
      },
    });
  });

  it('delivers a stop of the lifecycle to its function once, after the sender carried on, and nothing else', async () => {
    const delivered: { name: string; event: unknown }[] = [];
    const { bus, activity } = busWith(async (name, event) => (delivered.push({ name, event }), null));

    bus.put(executionStatusChange(execution('placementLifecycle')));
    bus.put(executionStatusChange(execution('placementLifecycle', { status: 'RUNNING', stopDate: undefined })));
    bus.put(executionStatusChange(execution('placementLifecycle', { status: 'SUCCEEDED', output: '{}' })));
    bus.put(executionStatusChange(execution('someFixture')));
    const duringPut = delivered.length;
    await activity.whenQuiet();

    expect(duringPut).toBe(0);
    expect(delivered.map((delivery) => delivery.name)).toEqual(['stoppedLifecycle']);
    expect(delivered[0]?.event).toMatchObject({ detail: { status: 'ABORTED', stateMachineArn: stateMachineArn('placementLifecycle') } });
  });

  it('logs a failed delivery instead of throwing it at the sender', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { bus, activity } = busWith(async () => {
      throw new Error('The table is throttled.');
    });

    expect(() => bus.put(executionStatusChange(execution('placementLifecycle', { status: 'FAILED', error: 'States.TaskFailed' })))).not.toThrow();
    await activity.whenQuiet();

    expect(logged).toHaveBeenCalledWith(expect.stringContaining('lifecycleStopped → stoppedLifecycle failed'), expect.anything());
    logged.mockRestore();
  });
});
