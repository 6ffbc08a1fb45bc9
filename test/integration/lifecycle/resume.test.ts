import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { flagForAttention } from '../../../functions/domain/placement';
import { post, startTestSystem, type LocalSystem } from '../../support/local-system';
import { admin, advanceTo, completePaperwork, executionStatus, readPlacement, recordSelection, type PlacementSeen } from '../../support/lifecycle';

// An execution stopped by a failure (flagged for a person) or by hand: once the cause is fixed, staff
// resume the placement and a fresh execution carries on from where it stands.

let system: LocalSystem;
let placement: PlacementSeen;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  placement = await recordSelection(system, { clientTimezone: 'America/New_York', interviewAt: '2030-04-01T15:00:00Z' });
  await advanceTo(system, '2030-04-02T14:00:00Z');
});

afterAll(async () => {
  await system?.stop();
});

const resume = (id: string, headers: Record<string, string> = admin) => post(`${system.baseUrl}/placements/${id}/resume`, '', headers);

describe('resuming a placement by hand', () => {
  it('refuses while its lifecycle is running', async () => {
    const response = await resume(placement.id);

    expect(response.status).toBe(409);
    expect(response.body).toContain('ALREADY_RUNNING');
  });

  it('clears the flag and carries on from where the placement stands, after its execution stopped', async () => {
    const sfn = new SFNClient({ endpoint: system.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const executionArn = `${(system.stateMachineArns.placementLifecycle ?? '').replace(':stateMachine:', ':execution:')}:${placement.id}`;
    await sfn.send(new StopExecutionCommand({ executionArn, cause: 'stopped by hand' }));
    sfn.destroy();
    const repository = new DynamoPlacementRepository(createDocumentClient({ endpoint: system.endpoints.dynamodb }), system.tableName);
    const stored = await repository.get(placement.id);
    if (stored === undefined) throw new Error('the placement is stored');
    const flagged = flagForAttention(stored, 'The billing provider was down.', { at: '2030-04-02T14:00:00Z', by: { kind: 'system', component: 'lifecycle' } });
    await repository.save(flagged.placement, flagged.entries);
    expect(await executionStatus(system, placement.id)).toBe('ABORTED');

    const response = await resume(placement.id);
    await system.clock.waitForIdle();
    await completePaperwork(system, placement.id);
    await advanceTo(system, '2030-04-08T14:00:00Z');

    expect(response.status).toBe(202);
    const resumed = await readPlacement(system, placement.id);
    expect(resumed.needsAttention).toBeUndefined();
    expect(resumed.status).toBe('IN_CERTIFICATION');
  });

  it('refuses a caller without a valid staff token (the role matrix is in the API tests)', async () => {
    const response = await resume(placement.id, { authorization: 'Bearer not-a-token' });

    expect(response.status).toBe(403);
  });
});
