import { beforeAll, describe, expect, it } from 'vitest';
import { agencyMailboxes, newYorkInterview } from '../../support/fixtures';
import { post } from '../../support/local-system';
import { advanceTo, completePaperwork, emailsFor, readPlacement, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// The billing sandbox refunds and disputes a paid reserve as Stripe would report it: signed
// charge.refunded and charge.dispute.created events that name the payment, not the checkout.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: { refunded: newYorkInterview, disputed: { ...newYorkInterview, clientEmail: 'disputed@example.com' } },
});

async function sandboxAction(placementId: string, action: 'refund' | 'dispute') {
  const placement = await readPlacement(scenario.system, placementId);
  const response = await post(`${scenario.system.endpoints.sandbox.billing}/checkout/sessions/${placement.reserve?.checkoutSessionId ?? ''}/${action}`, '', {
    accept: 'application/json',
  });
  expect(response.status, response.body).toBe(200);
  await scenario.system.clock.waitForIdle();
}

beforeAll(async () => {
  await advanceTo(scenario.system, '2030-04-02T13:00:00Z'); // the links went out
});

describe('a reserve whose money went back', () => {
  it.each([
    ['refunded', 'refund', 'RESERVE_REFUNDED', /refunded/] as const,
    ['disputed', 'dispute', 'RESERVE_DISPUTED', /disputed/] as const,
  ])('is recorded when %s, flags the placement and tells Customer Service, its status unchanged', async (name, action, what, subject) => {
    const id = scenario[name].id;
    await completePaperwork(scenario.system, id);
    expect((await readPlacement(scenario.system, id)).status).toBe('READY');

    await sandboxAction(id, action);

    const placement = await readPlacement(scenario.system, id);
    expect(placement.status).toBe('READY');
    expect(placement.needsAttention?.reason).toMatch(subject);
    expect(whatHappened(placement, what)).toHaveLength(1);
    const notices = (await emailsFor(scenario.system, placement)).filter((email) => email.to.includes(agencyMailboxes.customerService));
    expect(notices.map((email) => email.subject)).toEqual([expect.stringMatching(subject)]);
  });
});
