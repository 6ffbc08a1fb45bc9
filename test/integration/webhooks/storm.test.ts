import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newYorkInterview, sampleCandidate, sampleClient } from '../../support/fixtures';
import type { PlainResponse } from '../../support/local-system';
import { advanceTo, emailsFor, readPlacement, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';
import { billingDelivery, billingEventBody, deliver, docusignEvent, executionHistory, paperworkWaitState, statesEntered, taskSuccesses, unixNow, type SignedDelivery } from '../../support/webhooks';

// A provider retrying hard: the same signed "contract signed" and "reserve funded" events, 50 times
// each at once and 50 times each again an hour later, while the lifecycle waits for the paperwork.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });

let docusign: SignedDelivery;
let billingBody: string;

const storm = 50;

beforeAll(async () => {
  await advanceTo(scenario.system, '2030-04-02T15:00:00Z'); // the links went at 13:00; the lifecycle waits for the paperwork
  const waiting = await readPlacement(scenario.system, scenario.placement.id);
  docusign = docusignEvent(scenario.system, {
    event: 'envelope-completed',
    envelopeId: waiting.contract?.envelopeId ?? '',
    generatedDateTime: '2030-04-02T15:00:00.000Z',
    completedDateTime: '2030-04-02T14:59:30.000Z',
  });
  billingBody = billingEventBody({
    id: 'evt_storm_0001',
    type: 'checkout.session.completed',
    created: unixNow(),
    sessionId: waiting.reserve?.checkoutSessionId ?? '',
    placementId: scenario.placement.id,
    paymentStatus: 'paid',
  });
});

/** Every delivery of both events at once, interleaved; billing deliveries signed at the moment they are sent. */
async function deliverAll(): Promise<PlainResponse[]> {
  const deliveries = Array.from({ length: storm }, () => [docusign, billingDelivery(scenario.system, billingBody)]).flat();
  const responses = await Promise.all(deliveries.map((delivery) => deliver(delivery)));
  await scenario.system.clock.waitForIdle();
  return responses;
}

const acknowledgementSchema = z.object({ received: z.literal(true), outcome: z.string() });
const outcomesOf = (responses: PlainResponse[]) => responses.map((response) => acknowledgementSchema.parse(JSON.parse(response.body)).outcome);
const count = (items: string[], wanted: string) => items.filter((item) => item === wanted).length;

describe('the same signed webhook delivered 100 times', () => {
  it('is waiting for the contract and the reserve before the storm', async () => {
    const waiting = await readPlacement(scenario.system, scenario.placement.id);
    expect(waiting.status).toBe('AWAITING_ONBOARDING');
    expect(whatHappened(waiting, 'LIFECYCLE_WAITING')).toHaveLength(1);
    expect(statesEntered(await executionHistory(scenario.system, scenario.placement.id))).toContain(paperworkWaitState);
  });

  it('answers all 50 concurrent deliveries of each event with 2xx', async () => {
    const responses = await deliverAll();

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status < 200 || status >= 300), responses.find((response) => response.status >= 300)?.body).toEqual([]);
    expect(statuses).toHaveLength(2 * storm);
    const outcomes = outcomesOf(responses);
    expect(count(outcomes, 'contract-signed')).toBe(1);
    expect(count(outcomes, 'reserve-funded')).toBe(1);
  });

  it('records the signature once and the funding once, and the placement is READY', async () => {
    const ready = await readPlacement(scenario.system, scenario.placement.id);

    expect(ready.status).toBe('READY');
    expect(ready.contract?.status).toBe('SIGNED');
    expect(ready.reserve?.status).toBe('FUNDED');
    expect(whatHappened(ready, 'CONTRACT_SIGNED')).toHaveLength(1);
    expect(whatHappened(ready, 'RESERVE_FUNDED')).toHaveLength(1);
    expect((ready.history ?? []).filter((entry) => entry.toStatus === 'READY')).toHaveLength(1);
  });

  it('resumes the waiting lifecycle exactly once, which fixes the week once', async () => {
    const history = await executionHistory(scenario.system, scenario.placement.id);

    expect(taskSuccesses(history, paperworkWaitState)).toBe(1);
    expect(statesEntered(history).filter((name) => name === 'Fix the certification week')).toHaveLength(1);
    const weekLetters = (await emailsFor(scenario.system, scenario.placement)).filter((email) => /week/i.test(email.subject));
    expect(weekLetters.map((email) => email.to[0]).sort()).toEqual([sampleClient.email, sampleCandidate.email]);
  });

  it('answers 50 more of each an hour later with 2xx and changes nothing', async () => {
    const before = await readPlacement(scenario.system, scenario.placement.id);
    const historyBefore = await executionHistory(scenario.system, scenario.placement.id);
    await advanceTo(scenario.system, '2030-04-02T16:00:00Z');

    const responses = await deliverAll();

    expect(responses.filter((response) => response.status < 200 || response.status >= 300).map((response) => response.body)).toEqual([]);
    expect(outcomesOf(responses).filter((outcome) => outcome !== 'duplicate')).toEqual([]);
    const after = await readPlacement(scenario.system, scenario.placement.id);
    expect(after.history).toEqual(before.history);
    expect(after.status).toBe('READY');
    const history = await executionHistory(scenario.system, scenario.placement.id);
    expect(taskSuccesses(history, paperworkWaitState)).toBe(1);
    expect(history.map((event) => event.type)).toEqual(historyBefore.map((event) => event.type));
  });
});
