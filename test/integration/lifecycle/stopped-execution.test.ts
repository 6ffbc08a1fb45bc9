import type { Context } from 'aws-lambda';
import { SendTaskFailureCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { followingExecutionName } from '../../../functions/application/stopped-lifecycle';
import { newYorkInterview } from '../../support/fixtures';
import { advanceTo, completePaperwork, executionStatus, readPlacement, recordSelection, whatHappened, type PlacementSeen } from '../../support/lifecycle';
import { advanceClock, startTestSystem, type LocalSystem } from '../../support/local-system';
import { executionArnOf } from '../../support/webhooks';

// An execution that stops reaches its placement through Step Functions' status-change event, as in
// AWS: an aborted one is resumed by a fresh execution, a failed one is flagged for a person, and the
// other placements carry on untouched. No schedule runs here: only the events can do it.

/**
 * The lifecycle's own function, except that flagging a placement fails (as it would with the
 * table throttled past every retry): a failure then ends the execution with nobody told but the event.
 */
async function lifecycleStepThatCannotFlag(event: unknown, context: Context): Promise<unknown> {
  if ((event as { step?: string }).step === 'flagForAttention') throw new Error('The table is throttled.');
  const { handler } = await import('../../../functions/handlers/lifecycle-step');
  return handler(event as never, context);
}

let system: LocalSystem;
let sfn: SFNClient;
const placements: Record<'aborted' | 'failed' | 'untouched', PlacementSeen> = {} as never;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z'), functions: { lifecycleStep: lifecycleStepThatCannotFlag } });
  placements.aborted = await recordSelection(system, newYorkInterview);
  placements.failed = await recordSelection(system, { ...newYorkInterview, clientEmail: 'failed@client.example.com', company: 'Failed Co' });
  placements.untouched = await recordSelection(system, { ...newYorkInterview, clientEmail: 'untouched@client.example.com', company: 'Untouched Co' });
  sfn = new SFNClient({ endpoint: system.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await advanceTo(system, '2030-04-02T14:00:00Z'); // the links went out: each lifecycle waits for its paperwork
});

afterAll(async () => {
  sfn?.destroy();
  await system?.stop();
});

/** The execution that takes over from a placement's first one. */
const followingOf = (placementId: string) => followingExecutionName(placementId, executionArnOf(system, placementId));

describe('an execution that stops', () => {
  it('fails with nobody told: the event flags that placement for a person, starts nothing, and the others are untouched', async () => {
    const { failed, untouched } = placements;
    const repository = new DynamoPlacementRepository(createDocumentClient({ endpoint: system.endpoints.dynamodb }), system.tableName);
    const before = await readPlacement(system, untouched.id);

    // The paperwork wait fails past its retries (each retry waits under a new token), then so does flagging: the execution ends FAILED.
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const waiting = await repository.get(failed.id);
      await sfn.send(new SendTaskFailureCommand({ taskToken: waiting?.lifecycle?.taskToken ?? '', error: 'ProviderError', cause: 'The billing provider was down.' }));
      await advanceClock(system, { advanceBy: 'PT2M' });
    }
    await advanceClock(system, { advanceBy: 'PT10M' }); // the flagging step's retries

    expect(await executionStatus(system, failed.id)).toBe('FAILED');
    const flagged = await readPlacement(system, failed.id);
    expect(flagged.needsAttention?.reason).toContain('The lifecycle stopped');
    expect(whatHappened(flagged, 'FLAGGED_FOR_ATTENTION')).toHaveLength(1);
    await expect(executionStatus(system, followingOf(failed.id))).rejects.toThrow(/Does Not Exist/);
    expect(await readPlacement(system, untouched.id)).toEqual(before);
  });

  it('is aborted by hand: a fresh execution resumes that placement alone, and carries it on from where it stands', async () => {
    const { aborted, untouched } = placements;

    await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(system, aborted.id), cause: 'stopped by hand' }));
    await system.clock.waitForIdle();

    expect(await executionStatus(system, aborted.id)).toBe('ABORTED');
    expect(await executionStatus(system, followingOf(aborted.id))).toBe('RUNNING');
    const resumed = await readPlacement(system, aborted.id);
    expect(whatHappened(resumed, 'LIFECYCLE_STARTED').map((entry) => entry.details?.executionArn)).toContain(executionArnOf(system, followingOf(aborted.id)));
    expect(resumed.needsAttention).toBeUndefined();
    expect(await executionStatus(system, untouched.id)).toBe('RUNNING');
    await expect(executionStatus(system, followingOf(untouched.id))).rejects.toThrow(/Does Not Exist/);

    await completePaperwork(system, aborted.id);
    await advanceTo(system, '2030-04-08T14:00:00Z');
    expect((await readPlacement(system, aborted.id)).status).toBe('IN_CERTIFICATION');
  });
});
