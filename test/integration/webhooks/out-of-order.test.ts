import { describe, expect, it } from 'vitest';
import { newYorkInterview, sampleCandidate } from '../../support/fixtures';
import { advanceTo, emailsFor, payReserve, readPlacement, signContract, type PlacementSeen, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';
import { billingDelivery, billingEventBody, deliver, docusignEvent, executionHistory, paperworkWaitState, statesEntered, taskSuccesses } from '../../support/webhooks';

// The client signs and pays whenever they like: the providers' webhooks come in any order, before or
// after the onboarding email, before or after the lifecycle starts waiting for them, dated by a clock
// that runs ahead. Four placements
// selected on Tuesday 2 April 2030 (interviewed the day before, client in New York): the links email is
// due at 13:00Z that day, the certification week is Monday 8 April from 14:00Z.

const linksAt = '2030-04-02T13:00:00Z';
const weekStartsAt = '2030-04-08T14:00:00Z';

const scenario = selectionScenario({
  now: '2030-04-02T11:00:00Z',
  selections: {
    fundedFirst: { ...newYorkInterview, clientEmail: 'ana@funded-first.example', company: 'Funded First' },
    signedEarly: { ...newYorkInterview, clientEmail: 'ben@signed-early.example', company: 'Signed Early' },
    doneBeforeWait: { ...newYorkInterview, clientEmail: 'cleo@done-early.example', company: 'Done Early' },
    clockAhead: { ...newYorkInterview, clientEmail: 'dev@clock-ahead.example', company: 'Clock Ahead' },
  },
});

const sign = async (placement: PlacementSeen) => signContract(scenario.system, (await readPlacement(scenario.system, placement.id)).contract?.envelopeId ?? '');
const fund = async (placement: PlacementSeen) => payReserve(scenario.system, (await readPlacement(scenario.system, placement.id)).reserve?.checkoutSessionId ?? '');
const timesEntered = async (placement: PlacementSeen, state: string) =>
  statesEntered(await executionHistory(scenario.system, placement.id)).filter((name) => name === state).length;
const onboardingEmails = async (placement: PlacementSeen) =>
  (await emailsFor(scenario.system, placement)).filter((email) => email.text.includes('Review and sign the contract') && email.to.includes(placement.client.email));

describe('webhooks before the onboarding email', () => {
  it('records a signature that comes before the email is due, and the placement waits for its email', async () => {
    await advanceTo(scenario.system, '2030-04-02T12:00:00Z');

    await sign(scenario.signedEarly);
    await sign(scenario.doneBeforeWait);
    await fund(scenario.doneBeforeWait);

    const early = await readPlacement(scenario.system, scenario.signedEarly.id);
    expect(early.status).toBe('SELECTED');
    expect(early.contract?.status).toBe('SIGNED');
    const done = await readPlacement(scenario.system, scenario.doneBeforeWait.id);
    expect(done.contract?.status).toBe('SIGNED');
    expect(done.reserve?.status).toBe('FUNDED');
    expect(await onboardingEmails(scenario.signedEarly)).toEqual([]);
  });

  it('still sends the onboarding email when it is due, to the client who signed early', async () => {
    await advanceTo(scenario.system, linksAt);

    const [email, ...more] = await onboardingEmails(scenario.signedEarly);
    expect(more).toEqual([]);
    expect(email?.at).toBe('2030-04-02T13:00:00.000Z');
    expect((await readPlacement(scenario.system, scenario.signedEarly.id)).status).toBe('AWAITING_ONBOARDING');
  });

  it('does not wait at all when both came before the lifecycle reached its wait: the week is fixed at once', async () => {
    const done = await readPlacement(scenario.system, scenario.doneBeforeWait.id);
    const history = await executionHistory(scenario.system, scenario.doneBeforeWait.id);

    expect(done.timeline.weekStartsAt).toBe(weekStartsAt);
    expect(whatHappened(done, 'LIFECYCLE_WAITING')).toEqual([]);
    expect(taskSuccesses(history, paperworkWaitState)).toBe(1);
    expect(statesEntered(history)).not.toContain('Check on the paperwork');
    expect(await timesEntered(scenario.doneBeforeWait, 'Fix the certification week')).toBe(1);
    const weekLetters = (await emailsFor(scenario.system, scenario.doneBeforeWait)).filter((email) => /week/i.test(email.subject));
    expect(weekLetters.map((email) => [email.to[0], email.at]).sort()).toEqual([
      ['cleo@done-early.example', '2030-04-02T13:00:00.000Z'],
      [sampleCandidate.email, '2030-04-02T13:00:00.000Z'],
    ]);
  });

  it('is READY when both came before the onboarding email', async () => {
    expect((await readPlacement(scenario.system, scenario.doneBeforeWait.id)).status).toBe('READY');
  });
});

describe('webhooks after the onboarding email, in any order', () => {
  it('is not READY when the reserve is funded before the contract is signed, and the lifecycle keeps waiting', async () => {
    await advanceTo(scenario.system, '2030-04-02T14:00:00Z');

    await fund(scenario.fundedFirst);

    const funded = await readPlacement(scenario.system, scenario.fundedFirst.id);
    expect(funded.status).toBe('AWAITING_ONBOARDING');
    expect(funded.reserve?.status).toBe('FUNDED');
    expect(taskSuccesses(await executionHistory(scenario.system, scenario.fundedFirst.id), paperworkWaitState)).toBe(0);
    expect(await timesEntered(scenario.fundedFirst, 'Fix the certification week')).toBe(0);
  });

  it('is READY once the contract is signed too, and the lifecycle goes on once', async () => {
    await advanceTo(scenario.system, '2030-04-02T15:00:00Z');

    await sign(scenario.fundedFirst);

    const ready = await readPlacement(scenario.system, scenario.fundedFirst.id);
    expect(ready.status).toBe('READY');
    expect(ready.timeline.weekStartsAt).toBe(weekStartsAt);
    expect(taskSuccesses(await executionHistory(scenario.system, scenario.fundedFirst.id), paperworkWaitState)).toBe(1);
    expect(await timesEntered(scenario.fundedFirst, 'Fix the certification week')).toBe(1);
  });

  it('goes on when the reserve completes a contract signed before the email, without waiting for a second signature', async () => {
    await advanceTo(scenario.system, '2030-04-02T16:00:00Z');

    await fund(scenario.signedEarly);

    const ready = await readPlacement(scenario.system, scenario.signedEarly.id);
    expect(ready.status).toBe('READY');
    expect(ready.timeline.weekStartsAt).toBe(weekStartsAt);
    expect(whatHappened(ready, 'CONTRACT_SIGNED')).toHaveLength(1);
    expect(taskSuccesses(await executionHistory(scenario.system, scenario.signedEarly.id), paperworkWaitState)).toBe(1);
  });
});

describe('event dates from a clock that runs ahead', () => {
  it('records a signature and a payment dated in the future as done now, and keeps the week', async () => {
    await advanceTo(scenario.system, '2030-04-02T17:00:00Z');
    const waiting = await readPlacement(scenario.system, scenario.clockAhead.id);

    const signed = await deliver(
      docusignEvent(scenario.system, {
        event: 'envelope-completed',
        envelopeId: waiting.contract?.envelopeId ?? '',
        generatedDateTime: '2030-04-02T17:00:00Z',
        completedDateTime: '9999-12-30T23:59:59Z',
      }),
    );
    const funded = await deliver(
      billingDelivery(
        scenario.system,
        billingEventBody({
          id: 'evt_clock_ahead',
          type: 'checkout.session.completed',
          created: 9_000_000_000_000, // some 285,000 years from now
          sessionId: waiting.reserve?.checkoutSessionId ?? '',
          placementId: scenario.clockAhead.id,
          paymentStatus: 'paid',
        }),
      ),
    );
    await scenario.system.clock.waitForIdle();

    expect([signed.status, funded.status]).toEqual([200, 200]);
    const ready = await readPlacement(scenario.system, scenario.clockAhead.id);
    expect(ready.status).toBe('READY');
    expect(ready.contract?.signedAt).toMatch(/^2030-04-02T17:00:0/); // when it arrived, give or take the request's milliseconds
    expect(ready.reserve?.fundedAt).toMatch(/^2030-04-02T17:00:0/);
    expect(ready.timeline.weekStartsAt).toBe(weekStartsAt);
  });
});

describe('the week', () => {
  it('starts on the planned Monday, each lifecycle having passed its paperwork wait once', async () => {
    await advanceTo(scenario.system, '2030-04-08T14:00:00Z');

    for (const placement of [scenario.fundedFirst, scenario.signedEarly, scenario.doneBeforeWait, scenario.clockAhead]) {
      const history = await executionHistory(scenario.system, placement.id);
      expect(taskSuccesses(history, paperworkWaitState), placement.client.email).toBe(1);
      expect(statesEntered(history).filter((name) => name === 'Start the certification week'), placement.client.email).toHaveLength(1);
      expect((await readPlacement(scenario.system, placement.id)).timeline.weekStartsAt).toBe(weekStartsAt);
    }
  });

  it('has the placements whose paperwork came after the email IN_CERTIFICATION', async () => {
    for (const placement of [scenario.fundedFirst, scenario.signedEarly, scenario.clockAhead]) {
      expect((await readPlacement(scenario.system, placement.id)).status, placement.client.email).toBe('IN_CERTIFICATION');
    }
  });

  it('has the placement whose paperwork came before the email IN_CERTIFICATION', async () => {
    expect((await readPlacement(scenario.system, scenario.doneBeforeWait.id)).status).toBe('IN_CERTIFICATION');
  });
});
