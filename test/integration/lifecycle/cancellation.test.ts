import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type LocalSystem } from '../../support/local-system';
import {
  advanceTo,
  cancelPlacement,
  completePaperwork,
  emailsFor,
  executionStatus,
  readPlacement,
  recordSelection,
  signContract,
  type PlacementSeen,
  sentFrom,
} from '../../support/lifecycle';

// Two placements selected the same day (interview Monday 2030-04-01, clients in New York, planned
// week 2030-04-08): one client declines the contract, the other placement is cancelled by staff on the
// Wednesday of its certification week. Either way the lifecycle stops and nobody hears more.

const customerService = 'customer.service@agency.example.com';
const declining = { clientEmail: 'dana@whitfield-dental.example', candidateEmail: 'maria.santos@ve.example' };
const cancelled = { clientEmail: 'lee@harbor-legal.example', candidateEmail: 'joy.reyes@ve.example', company: 'Harbor Legal' };

let system: LocalSystem;
let declined: PlacementSeen;
let stopped: PlacementSeen;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  declined = await recordSelection(system, { clientTimezone: 'America/New_York', interviewAt: '2030-04-01T15:00:00Z', ...declining });
  stopped = await recordSelection(system, { clientTimezone: 'America/New_York', interviewAt: '2030-04-01T15:00:00Z', ...cancelled });
});

afterAll(async () => {
  await system?.stop();
});

describe('a client who declines the contract', () => {
  it('cancels the placement with the reason', async () => {
    await advanceTo(system, '2030-04-03T15:00:00Z');
    expect((await readPlacement(system, declined.id)).status).toBe('AWAITING_ONBOARDING');

    await signContract(system, (await readPlacement(system, declined.id)).contract?.envelopeId ?? '', 'decline');

    const seen = await readPlacement(system, declined.id);
    expect(seen.status).toBe('CANCELLED');
    expect(seen.contract?.status).toBe('DECLINED');
    expect(seen.cancellation).toMatchObject({ reason: expect.stringMatching(/declined the contract/), cancelledAt: expect.stringMatching(/^2030-04-03T15:00/) });
  });

  it('tells Customer Service, once', async () => {
    const notices = (await emailsFor(system, declined)).filter((email) => email.to.includes(customerService));

    expect(notices).toHaveLength(1);
    expect(notices[0]?.at).toBe('2030-04-03T15:00:00.000Z');
    expect(notices[0]?.text).toMatch(/declined/);
    expect(notices[0]?.text).toContain(declined.id);
  });

  it('stops the lifecycle execution', async () => {
    expect(await executionStatus(system, declined.id)).toBe('ABORTED');
  });

});

describe('a placement cancelled by staff on the Wednesday of its certification week', () => {
  it('is IN_CERTIFICATION on Wednesday, its Monday to Wednesday sessions held', async () => {
    await completePaperwork(system, stopped.id);

    await advanceTo(system, '2030-04-10T16:00:00Z'); // Wednesday 11:00 Chicago

    const seen = await readPlacement(system, stopped.id);
    expect(seen.status).toBe('IN_CERTIFICATION');
    expect((seen.history ?? []).filter((entry) => entry.what === 'SESSION_HELD')).toHaveLength(3);
  });

  it('is CANCELLED with the staff member\'s reason', async () => {
    const response = await cancelPlacement(system, stopped.id, 'The client closed the position.');

    expect(response.status, response.body).toBe(200);
    const seen = await readPlacement(system, stopped.id);
    expect(seen.status).toBe('CANCELLED');
    expect(seen.cancellation).toEqual({ reason: 'The client closed the position.', cancelledAt: expect.stringMatching(/^2030-04-10T16:00/) });
  });

  it('stops the lifecycle execution', async () => {
    expect(await executionStatus(system, stopped.id)).toBe('ABORTED');
  });
});

describe('after either cancellation', () => {
  it('nobody hears more about the cancelled placements, past the would-be exam and the would-be first Monday', async () => {
    await advanceTo(system, '2030-04-16T00:00:00Z');

    expect(sentFrom(await emailsFor(system, declined), '2030-04-03T15:00:01Z')).toEqual([]);
    expect(sentFrom(await emailsFor(system, stopped), '2030-04-10T16:00:00Z')).toEqual([]);
    const toDecliningClient = (await emailsFor(system, declined)).filter((email) => email.to.includes(declining.clientEmail));
    expect(toDecliningClient.map((email) => email.subject)).toEqual(['Next steps to certify Maria Santos for Whitfield Dental']);
  });

  it('records no step of the lifecycle after the cancellation', async () => {
    const afterDecline = (await readPlacement(system, declined.id)).history ?? [];
    const afterStaff = (await readPlacement(system, stopped.id)).history ?? [];

    expect(afterDecline.filter((entry) => Date.parse(entry.at) > Date.parse('2030-04-03T15:00:01Z'))).toEqual([]);
    expect(afterStaff.filter((entry) => Date.parse(entry.at) > Date.parse('2030-04-10T16:00:01Z'))).toEqual([]);
    expect(afterStaff.filter((entry) => entry.what === 'SESSION_HELD')).toHaveLength(3);
    expect(afterStaff.some((entry) => entry.toStatus === 'EXAM')).toBe(false);
    expect((await readPlacement(system, declined.id)).status).toBe('CANCELLED');
    expect((await readPlacement(system, stopped.id)).status).toBe('CANCELLED');
  });
});
