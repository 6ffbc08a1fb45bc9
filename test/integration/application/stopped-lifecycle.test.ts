import { describe, expect, it } from 'vitest';
import type { PlacementWorkflow } from '../../../functions/application/ports';
import { dailySweep, reconcilePlacements } from '../../../functions/application/reconcile';
import { followingExecutionName, takeUpStoppedExecution, type StoppedStatus } from '../../../functions/application/stopped-lifecycle';
import { flagForAttention, type Placement } from '../../../functions/domain/placement';
import { lifecycle, newPlacement } from '../../support/domain-fixtures';
import { useInMemoryTable } from '../../support/table';

// A lifecycle execution that stopped reaches its placement as an event (twice, at once, or late),
// and a daily sweep catches what no event reported, asking Step Functions about quiet placements only.

const table = useInMemoryTable('stopped-lifecycle');
const now = '2025-07-21T15:00:00Z';
const clock = { now: () => now };
const arnOf = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:lifecycle:${name}`;

/** Step Functions as the placements see it: a name starts one execution, and statuses are asked one call each. */
function stepFunctions(statuses: Record<string, string> = {}) {
  const started: { placementId: string; name: string }[] = [];
  const asked: string[] = [];
  const workflow: Pick<PlacementWorkflow, 'start' | 'status' | 'executionArnFor'> = {
    executionArnFor: arnOf,
    async start(placementId, name) {
      // The call crosses the network: concurrent callers interleave here.
      await new Promise((resolve) => setImmediate(resolve));
      if (started.some((execution) => execution.name === name)) return { executionArn: arnOf(name), alreadyRunning: true };
      started.push({ placementId, name });
      return { executionArn: arnOf(name), alreadyRunning: false };
    },
    async status(executionArn) {
      asked.push(executionArn);
      return statuses[executionArn] ?? 'missing';
    },
  };
  return { workflow, started, asked };
}

/** A placement in flight, driven by the execution `name`, last changed at `updatedAt`. */
async function inFlight(id: string, name: string, changes: Partial<Placement> = {}): Promise<Placement> {
  const placement: Placement = { ...newPlacement(id), status: 'AWAITING_ONBOARDING', lifecycle: { executionArn: arnOf(name) }, updatedAt: '2025-07-01T00:00:00Z', ...changes };
  return table.repository.create(placement, []);
}

const stoppedEvent = (placementId: string, name: string, status: StoppedStatus) => ({ placementId, executionArn: arnOf(name), status });

describe('an execution that stopped, as its status-change event reports it', () => {
  it('gives an aborted placement one fresh execution, however often and however concurrently the event comes, and leaves the others alone', async () => {
    await inFlight('p-aborted', 'p-aborted');
    const other = await inFlight('p-other', 'p-other');
    const { workflow, started } = stepFunctions();
    const event = stoppedEvent('p-aborted', 'p-aborted', 'ABORTED');

    const together = await Promise.all([takeUpStoppedExecution({ placements: table.repository, workflow, clock }, event), takeUpStoppedExecution({ placements: table.repository, workflow, clock }, event)]);
    const later = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, event);

    expect(started).toEqual([{ placementId: 'p-aborted', name: followingExecutionName('p-aborted', arnOf('p-aborted')) }]);
    expect([...together].sort()).toEqual(['already-resumed', 'resumed']);
    expect(later).toBe('already-resumed');
    expect(await table.repository.get('p-other')).toEqual(other);
  });

  it('resumes a timed-out execution under a name of its own, never the stopped one’s', async () => {
    await inFlight('p-timed-out', 'p-timed-out');
    const { workflow, started } = stepFunctions();

    const outcome = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('p-timed-out', 'p-timed-out', 'TIMED_OUT'));

    expect(outcome).toBe('resumed');
    expect(started.map((execution) => execution.name)).toEqual([expect.stringMatching(/^p-timed-out-[0-9a-f]{16}$/)]);
  });

  it('flags a failed placement the state machine did not flag, once, and starts nothing', async () => {
    await inFlight('p-failed', 'p-failed');
    const { workflow, started } = stepFunctions();
    const event = stoppedEvent('p-failed', 'p-failed', 'FAILED');

    const outcomes = await Promise.all([takeUpStoppedExecution({ placements: table.repository, workflow, clock }, event), takeUpStoppedExecution({ placements: table.repository, workflow, clock }, event)]);

    const stored = await table.repository.get('p-failed');
    expect(stored?.needsAttention?.reason).toContain('The lifecycle stopped');
    expect([...outcomes].sort()).toEqual(['flagged', 'ignored']);
    expect(started).toEqual([]);
    const history = await table.repository.listHistory('p-failed');
    expect(history.items.filter((entry) => entry.what === 'FLAGGED_FOR_ATTENTION')).toHaveLength(1);
  });

  it('changes nothing for a failure the state machine flagged already, nor for an aborted placement waiting for a person', async () => {
    const placement = newPlacement('p-flagged');
    const flagged = flagForAttention(placement, 'The billing provider was down.', { at: now, by: lifecycle }).placement;
    const stored = await inFlight('p-flagged', 'p-flagged', { needsAttention: flagged.needsAttention });
    const { workflow, started } = stepFunctions();

    const failed = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('p-flagged', 'p-flagged', 'FAILED'));
    const aborted = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('p-flagged', 'p-flagged', 'ABORTED'));

    expect([failed, aborted]).toEqual(['ignored', 'ignored']);
    expect(started).toEqual([]);
    expect(await table.repository.get('p-flagged')).toEqual(stored);
  });

  it('ignores the stop of an execution that no longer drives the placement, and of a finished placement', async () => {
    await inFlight('p-moved-on', 'p-moved-on-20250720000000');
    await inFlight('p-done', 'p-done', { status: 'CANCELLED' });
    const { workflow, started } = stepFunctions();

    const older = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('p-moved-on', 'p-moved-on', 'ABORTED'));
    const finished = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('p-done', 'p-done', 'ABORTED'));

    expect([older, finished]).toEqual(['ignored', 'ignored']);
    expect(started).toEqual([]);
  });

  it('follows on from an execution that stopped before its first step recorded it', async () => {
    await inFlight('p-unrecorded', 'p-unrecorded');
    const unrecorded = followingExecutionName('p-unrecorded', arnOf('p-unrecorded'));
    const { workflow, started } = stepFunctions();

    const outcome = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('p-unrecorded', unrecorded, 'ABORTED'));

    expect(outcome).toBe('resumed');
    expect(started.map((execution) => execution.name)).toEqual([followingExecutionName('p-unrecorded', arnOf(unrecorded))]);
  });
});

describe('the daily sweep', () => {
  it('asks Step Functions nothing about running placements that stepped within the day, and once about each quiet one', async () => {
    await inFlight('sweep-recent-1', 'sweep-recent-1', { updatedAt: '2025-07-21T14:00:00Z' });
    await inFlight('sweep-recent-2', 'sweep-recent-2', { status: 'IN_CERTIFICATION', updatedAt: '2025-07-21T03:00:00Z' });
    await inFlight('sweep-quiet-running', 'sweep-quiet-running', { status: 'EXAM' });
    await inFlight('sweep-quiet-aborted', 'sweep-quiet-aborted', { status: 'READY' });
    const { workflow, started, asked } = stepFunctions({ [arnOf('sweep-quiet-running')]: 'RUNNING', [arnOf('sweep-quiet-aborted')]: 'ABORTED' });

    const result = await reconcilePlacements({ placements: table.repository, workflow, clock }, dailySweep);

    const mine = (arns: string[]) => arns.filter((arn) => arn.includes(':sweep-'));
    expect(mine(asked).sort()).toEqual([arnOf('sweep-quiet-aborted'), arnOf('sweep-quiet-running')]);
    expect(started.filter((execution) => execution.placementId.startsWith('sweep-'))).toEqual([
      { placementId: 'sweep-quiet-aborted', name: followingExecutionName('sweep-quiet-aborted', arnOf('sweep-quiet-aborted')) },
    ]);
    expect(result.resumed).toContain('sweep-quiet-aborted');
    expect(result.resumed.filter((id) => id.startsWith('sweep-recent'))).toEqual([]);
  });

  it('starts the same execution as the event, so a sweep and a late event give a stopped placement one driver', async () => {
    await inFlight('sweep-and-event', 'sweep-and-event');
    const { workflow, started } = stepFunctions({ [arnOf('sweep-and-event')]: 'ABORTED' });

    await reconcilePlacements({ placements: table.repository, workflow, clock }, dailySweep);
    const event = await takeUpStoppedExecution({ placements: table.repository, workflow, clock }, stoppedEvent('sweep-and-event', 'sweep-and-event', 'ABORTED'));

    expect(started.filter((execution) => execution.placementId === 'sweep-and-event')).toHaveLength(1);
    expect(event).toBe('already-resumed');
  });

  it('asks about every placement after a local restart, whose executions are gone however recently they stepped', async () => {
    await inFlight('restart-recent', 'restart-recent', { updatedAt: '2025-07-21T14:00:00Z' });
    const { workflow, started } = stepFunctions();

    await reconcilePlacements({ placements: table.repository, workflow, clock }, { settleMinutes: 0, trustStepsWithinMinutes: 0 });

    expect(started.map((execution) => execution.placementId)).toContain('restart-recent');
  });
});
