import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, fixtureStateMachine, json, post, startTestSystem, type LocalSystem } from '../../support/local-system';

// Conformance of the local Step Functions service, driven through the real SDK client.

const start = new Date('2030-03-04T09:00:00.000Z');
const day = 86_400_000;
let system: LocalSystem;
let sfn: SFNClient;
let askArn: string;
let waitArn: string;
/** Tokens the callback task handed to its function, by the execution's label. */
const tokens = new Map<string, string>();

function label(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

async function startAsk(name: string): Promise<string> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: askArn, name, input: JSON.stringify({ label: name }) }));
  await system.clock.waitForIdle();
  if (!executionArn) throw new Error('no executionArn');
  return executionArn;
}

function tokenFor(name: string): string {
  const token = tokens.get(name);
  if (!token) throw new Error(`no token recorded for ${name}`);
  return token;
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
  return 'no error';
}

beforeAll(async () => {
  system = await startTestSystem({
    now: start,
    functions: {
      echo: (event) => event,
      recordToken: (event) => {
        const { label: name, taskToken } = event as { label: string; taskToken: string };
        tokens.set(name, taskToken);
        return { recorded: true };
      },
    },
    stateMachines: [
      {
        name: 'askAPerson',
        definitionPath: fixtureStateMachine('ask-a-person.asl.json'),
        substitutions: { EchoFunctionArn: 'echo', RecordTokenFunctionArn: 'recordToken' },
      },
      { name: 'waitThreeDays', definitionPath: fixtureStateMachine('wait-three-days.asl.json'), substitutions: {} },
      { name: 'waitUntil', definitionPath: fixtureStateMachine('wait-until.asl.json'), substitutions: {} },
    ],
  });
  sfn = new SFNClient({ endpoint: system.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  askArn = system.stateMachineArns.askAPerson ?? '';
  waitArn = system.stateMachineArns.waitThreeDays ?? '';
});

afterAll(async () => {
  sfn?.destroy();
  await system?.stop();
});

describe('state machines', () => {
  it('lists the manifest lifecycle and the fixtures', async () => {
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));

    expect(stateMachines.map((machine) => machine.name).sort()).toEqual(['askAPerson', 'placementLifecycle', 'waitThreeDays', 'waitUntil']);
    expect(stateMachines.every((machine) => machine.type === 'STANDARD')).toBe(true);
  });

  it('describes a state machine with its substitutions filled by local function ARNs', async () => {
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: system.stateMachineArns.placementLifecycle }));

    expect(machine.status).toBe('ACTIVE');
    expect(machine.definition).toContain('"arn:aws:lambda:us-east-1:000000000000:function:lifecycleStep"');
    expect(machine.definition).not.toContain('${');
  });

  it('answers unknown and malformed state machine ARNs with the AWS error names', async () => {
    expect(await errorName(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' })))).toBe(
      'StateMachineDoesNotExist',
    );
    expect(await errorName(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })))).toBe('InvalidArn');
  });
});

describe('StartExecution', () => {
  it('is idempotent by name and input while the execution runs, and refuses the name with another input', async () => {
    const name = label('idempotent');
    const input = JSON.stringify({ label: name });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: askArn, name, input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: askArn, name, input }));

    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: askArn, name, input: '{"label":"other"}' })))).toBe(
      'ExecutionAlreadyExists',
    );
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  it('refuses input that is not JSON and names AWS would refuse', async () => {
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: askArn, input: '{not json' })))).toBe('InvalidExecutionInput');
    expect(await errorName(sfn.send(new StartExecutionCommand({ stateMachineArn: askArn, name: 'has space', input: '{}' })))).toBe('InvalidName');
  });
});

describe('callback tasks', () => {
  it('issues a distinct token per task, wraps Lambda results in Payload, and resumes on SendTaskSuccess', async () => {
    const first = label('success');
    const second = label('success');
    const executionArn = await startAsk(first);
    await startAsk(second);

    expect(tokenFor(first)).not.toBe(tokenFor(second));
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: tokenFor(first) }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokenFor(first), output: JSON.stringify({ approved: true }) }));
    await system.clock.waitForIdle();

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({
      label: first,
      echo: { echoed: { label: first }, statusCode: 200 },
      answer: { approved: true },
    });
    const types = (await history(executionArn)).map((event) => event.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('answers used, unknown and malformed tokens as AWS does', async () => {
    const name = label('used');
    await startAsk(name);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokenFor(name), output: '{}' }));

    expect(await errorName(sfn.send(new SendTaskSuccessCommand({ taskToken: tokenFor(name), output: '{}' })))).toBe('TaskDoesNotExist');
    expect(await errorName(sfn.send(new SendTaskHeartbeatCommand({ taskToken: `AQB${'x'.repeat(64)}` })))).toBe('TaskDoesNotExist');
    expect(await errorName(sfn.send(new SendTaskFailureCommand({ taskToken: 'not-a-token' })))).toBe('InvalidToken');
  });

  it('fails the execution with the error and cause of SendTaskFailure', async () => {
    const name = label('failure');
    const executionArn = await startAsk(name);
    await sfn.send(new SendTaskFailureCommand({ taskToken: tokenFor(name), error: 'Declined', cause: 'The client said no' }));
    await system.clock.waitForIdle();

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Declined', cause: 'The client said no' });
    const failed = (await history(executionArn)).find((event) => event.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({ error: 'Declined', cause: 'The client said no', resource: 'invoke.waitForTaskToken' });
  });

  it('times the task out on the virtual clock, after which its token answers TaskTimedOut', async () => {
    const name = label('timeout');
    const executionArn = await startAsk(name);
    await advanceClock(system, { advanceBy: 'PT59M' });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await advanceClock(system, { advanceBy: 'PT1M' });

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const events = await history(executionArn);
    const submitted = events.find((event) => event.type === 'TaskSubmitted');
    const timedOut = events.find((event) => event.type === 'TaskTimedOut');
    expect((timedOut?.timestamp?.getTime() ?? 0) - (submitted?.timestamp?.getTime() ?? 0)).toBeGreaterThanOrEqual(3_600_000);
    expect(await errorName(sfn.send(new SendTaskSuccessCommand({ taskToken: tokenFor(name), output: '{}' })))).toBe('TaskTimedOut');
  });

  it('stops an execution: ABORTED with the given error and cause, its token no longer accepted', async () => {
    const name = label('stop');
    const executionArn = await startAsk(name);

    const { stopDate } = await sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'Staff cancelled it' }));
    await system.clock.waitForIdle();

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'Staff cancelled it', stopDate });
    const events = await history(executionArn);
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
    expect(events.at(-1)?.executionAbortedEventDetails).toEqual({ error: 'Cancelled', cause: 'Staff cancelled it' });
    expect(await errorName(sfn.send(new SendTaskSuccessCommand({ taskToken: tokenFor(name), output: '{}' })))).toBe('TaskTimedOut');
  });

  it('answers unknown and malformed execution ARNs with the AWS error names', async () => {
    const unknown = 'arn:aws:states:us-east-1:000000000000:execution:askAPerson:nobody';
    expect(await errorName(sfn.send(new DescribeExecutionCommand({ executionArn: unknown })))).toBe('ExecutionDoesNotExist');
    expect(await errorName(sfn.send(new GetExecutionHistoryCommand({ executionArn: 'nope' })))).toBe('InvalidArn');
  });
});

describe('ListExecutions and GetExecutionHistory', () => {
  it('filters by status, newest first, and pages with nextToken', async () => {
    const names = [label('list'), label('list')];
    for (const name of names) await startAsk(name);

    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: askArn, statusFilter: 'RUNNING' }));
    expect(running.executions?.every((execution) => execution.status === 'RUNNING')).toBe(true);
    expect(running.executions?.map((execution) => execution.name)).toEqual(expect.arrayContaining(names));

    const firstPage = await sfn.send(new ListExecutionsCommand({ stateMachineArn: askArn, maxResults: 1 }));
    const secondPage = await sfn.send(new ListExecutionsCommand({ stateMachineArn: askArn, maxResults: 1, nextToken: firstPage.nextToken }));
    expect(firstPage.executions).toHaveLength(1);
    expect(firstPage.nextToken).toBeDefined();
    expect(secondPage.executions?.[0]?.executionArn).not.toBe(firstPage.executions?.[0]?.executionArn);
    expect((firstPage.executions?.[0]?.startDate?.getTime() ?? 0) >= (secondPage.executions?.[0]?.startDate?.getTime() ?? 0)).toBe(true);
  });

  it('returns the history in reverse and without execution data on request', async () => {
    const name = label('history');
    const executionArn = await startAsk(name);

    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, includeExecutionData: false }));

    expect(reversed.events?.[0]?.id).toBeGreaterThan(reversed.events?.at(-1)?.id ?? 0);
    expect(reversed.events?.at(-1)?.type).toBe('ExecutionStarted');
    expect(reversed.events?.at(-1)?.executionStartedEventDetails?.input).toBeUndefined();
  });
});

describe('Wait states on the virtual clock', () => {
  it('completes a three-day Wait after advanceBy P3D, each event stamped at its virtual instant', async () => {
    const startedAt = system.clock.now().getTime();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, input: '{}' }));

    const realStart = performance.now();
    await advanceClock(system, { advanceBy: 'P3D' });
    const realMs = performance.now() - realStart;

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('SUCCEEDED');
    const events = await history(executionArn ?? '');
    const at = (type: string) => events.find((event) => event.type === type)?.timestamp?.getTime() ?? Number.NaN;
    // The clock also runs in real time between calls: allow a few seconds of drift, never less than three days.
    expect(at('WaitStateEntered') - startedAt).toBeLessThan(5_000);
    expect(at('WaitStateExited') - at('WaitStateEntered')).toBeGreaterThanOrEqual(3 * day);
    expect(at('WaitStateExited') - at('WaitStateEntered')).toBeLessThan(3 * day + 5_000);
    expect(at('ExecutionSucceeded')).toBe(at('WaitStateExited'));
    expect(execution.stopDate?.getTime()).toBe(at('ExecutionSucceeded'));
    console.info(`P3D advance took ${realMs.toFixed(0)} ms of real time`);
  });
});

describe('long waits', () => {
  it('waits until a timestamp more than 24.8 days away (beyond setTimeout) and not a moment less', async () => {
    const until = new Date(system.clock.now().getTime() + 30 * day);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: system.stateMachineArns.waitUntil, input: JSON.stringify({ until: until.toISOString() }) }),
    );

    await advanceClock(system, { advanceTo: new Date(until.getTime() - 60_000).toISOString() });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await advanceClock(system, { advanceBy: 'PT1M' });

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(Math.abs((execution.stopDate?.getTime() ?? 0) - until.getTime())).toBeLessThan(1_000);
  });
});

describe('the JSON protocol', () => {
  it('answers an unsupported action with UnknownOperationException', async () => {
    const response = await post(system.endpoints.stepfunctions, '{}', {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AWSStepFunctions.CreateActivity',
    });

    expect(response.status).toBe(400);
    expect(json(response)).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
