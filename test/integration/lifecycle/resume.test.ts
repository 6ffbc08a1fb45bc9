import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { flagForAttention } from '../../../functions/domain/placement';
import { newYorkInterview } from '../../support/fixtures';
import { post } from '../../support/local-system';
import { admin, advanceTo, completePaperwork, executionStatus, readPlacement } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';
import { executionArnOf } from '../../support/webhooks';

// An execution stopped by a failure (flagged for a person) or by hand: once the cause is fixed, staff
// resume the placement and a fresh execution carries on from where it stands.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });

beforeAll(async () => {
  await advanceTo(scenario.system, '2030-04-02T14:00:00Z'); // the links went out: the lifecycle waits for the paperwork
});

const resume = (id: string, headers: Record<string, string> = admin) => post(`${scenario.system.baseUrl}/placements/${id}/resume`, '', headers);

describe('resuming a placement by hand', () => {
  it('refuses while its lifecycle is running', async () => {
    const response = await resume(scenario.placement.id);

    expect(response.status).toBe(409);
    expect(response.body).toContain('ALREADY_RUNNING');
  });

  it('clears the flag and carries on from where the placement stands, after its execution stopped', async () => {
    // Flagged first: a flagged placement waits for a person, so the stop's event leaves it to staff.
    const repository = new DynamoPlacementRepository(createDocumentClient({ endpoint: scenario.system.endpoints.dynamodb }), scenario.system.tableName);
    const stored = await repository.get(scenario.placement.id);
    if (stored === undefined) throw new Error('the placement is stored');
    const flagged = flagForAttention(stored, 'The billing provider was down.', { at: '2030-04-02T14:00:00Z', by: { kind: 'system', component: 'lifecycle' } });
    await repository.save(flagged.placement, flagged.entries);
    const sfn = new SFNClient({ endpoint: scenario.system.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(scenario.system, scenario.placement.id), cause: 'stopped by hand' }));
    sfn.destroy();
    await scenario.system.clock.waitForIdle();
    expect(await executionStatus(scenario.system, scenario.placement.id)).toBe('ABORTED');

    const response = await resume(scenario.placement.id);
    await scenario.system.clock.waitForIdle();
    await completePaperwork(scenario.system, scenario.placement.id);
    await advanceTo(scenario.system, '2030-04-08T14:00:00Z');

    expect(response.status).toBe(202);
    const resumed = await readPlacement(scenario.system, scenario.placement.id);
    expect(resumed.needsAttention).toBeUndefined();
    expect(resumed.status).toBe('IN_CERTIFICATION');
  });

  it('refuses a caller without a valid staff token (the role matrix is in the API tests)', async () => {
    const response = await resume(scenario.placement.id, { authorization: 'Bearer not-a-token' });

    expect(response.status).toBe(403);
  });
});
