import { describe, expect, it } from 'vitest';
import { agencyMailboxes, newYorkInterview, sampleCandidate, sampleClient } from '../../support/fixtures';
import { advanceTo, cancelPlacement, completePaperwork, emailsFor, executionStatus, readPlacement, sentFrom, signContract, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// Two placements selected the same day (interview Monday 2030-04-01, clients in New York, planned
// week 2030-04-08): one client declines the contract, the other placement is cancelled by staff on the
// Wednesday of its certification week. Either way the lifecycle stops and nobody hears more.

const declining = { clientEmail: sampleClient.email, candidateEmail: sampleCandidate.email };
const cancelled = { clientEmail: 'lee@harbor-legal.example', candidateEmail: 'joy.reyes@ve.example', company: 'Harbor Legal' };

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: { declined: { ...newYorkInterview, ...declining }, stopped: { ...newYorkInterview, ...cancelled } },
});

describe('a client who declines the contract', () => {
  it('cancels the placement with the reason', async () => {
    await advanceTo(scenario.system, '2030-04-03T15:00:00Z');
    expect((await readPlacement(scenario.system, scenario.declined.id)).status).toBe('AWAITING_ONBOARDING');

    await signContract(scenario.system, (await readPlacement(scenario.system, scenario.declined.id)).contract?.envelopeId ?? '', 'decline');

    const seen = await readPlacement(scenario.system, scenario.declined.id);
    expect(seen.status).toBe('CANCELLED');
    expect(seen.contract?.status).toBe('DECLINED');
    expect(seen.cancellation).toMatchObject({ reason: expect.stringMatching(/declined the contract/), cancelledAt: expect.stringMatching(/^2030-04-03T15:00/) });
  });

  it('tells Customer Service, once', async () => {
    const notices = (await emailsFor(scenario.system, scenario.declined)).filter((email) => email.to.includes(agencyMailboxes.customerService));

    expect(notices).toHaveLength(1);
    expect(notices[0]?.at).toBe('2030-04-03T15:00:00.000Z');
    expect(notices[0]?.text).toMatch(/declined/);
    expect(notices[0]?.text).toContain(scenario.declined.id);
  });

  it('stops the lifecycle execution', async () => {
    expect(await executionStatus(scenario.system, scenario.declined.id)).toBe('ABORTED');
  });

});

describe('a placement cancelled by staff on the Wednesday of its certification week', () => {
  it('is IN_CERTIFICATION on Wednesday, its Monday to Wednesday sessions held', async () => {
    await completePaperwork(scenario.system, scenario.stopped.id);

    await advanceTo(scenario.system, '2030-04-10T16:00:00Z'); // Wednesday 11:00 Chicago

    const seen = await readPlacement(scenario.system, scenario.stopped.id);
    expect(seen.status).toBe('IN_CERTIFICATION');
    expect(whatHappened(seen, 'SESSION_HELD')).toHaveLength(3);
  });

  it('is CANCELLED with the staff member\'s reason', async () => {
    const response = await cancelPlacement(scenario.system, scenario.stopped.id, 'The client closed the position.');

    expect(response.status, response.body).toBe(200);
    const seen = await readPlacement(scenario.system, scenario.stopped.id);
    expect(seen.status).toBe('CANCELLED');
    expect(seen.cancellation).toEqual({ reason: 'The client closed the position.', cancelledAt: expect.stringMatching(/^2030-04-10T16:00/) });
  });

  it('stops the lifecycle execution', async () => {
    expect(await executionStatus(scenario.system, scenario.stopped.id)).toBe('ABORTED');
  });
});

describe('after either cancellation', () => {
  it('nobody hears more about the cancelled placements, past the would-be exam and the would-be first Monday', async () => {
    await advanceTo(scenario.system, '2030-04-16T00:00:00Z');

    expect(sentFrom(await emailsFor(scenario.system, scenario.declined), '2030-04-03T15:00:01Z')).toEqual([]);
    expect(sentFrom(await emailsFor(scenario.system, scenario.stopped), '2030-04-10T16:00:00Z')).toEqual([]);
    const toDecliningClient = (await emailsFor(scenario.system, scenario.declined)).filter((email) => email.to.includes(declining.clientEmail));
    expect(toDecliningClient.map((email) => email.subject)).toEqual(['Next steps to certify Maria Santos for Whitfield Dental']);
  });

  it('records no step of the lifecycle after the cancellation', async () => {
    const afterDecline = (await readPlacement(scenario.system, scenario.declined.id)).history ?? [];
    const afterStaff = (await readPlacement(scenario.system, scenario.stopped.id)).history ?? [];

    expect(afterDecline.filter((entry) => Date.parse(entry.at) > Date.parse('2030-04-03T15:00:01Z'))).toEqual([]);
    expect(afterStaff.filter((entry) => Date.parse(entry.at) > Date.parse('2030-04-10T16:00:01Z'))).toEqual([]);
    expect(afterStaff.filter((entry) => entry.what === 'SESSION_HELD')).toHaveLength(3);
    expect(afterStaff.some((entry) => entry.toStatus === 'EXAM')).toBe(false);
    expect((await readPlacement(scenario.system, scenario.declined.id)).status).toBe('CANCELLED');
    expect((await readPlacement(scenario.system, scenario.stopped.id)).status).toBe('CANCELLED');
  });
});
