import { describe, expect, it } from 'vitest';
import { agencyMailboxes, newYorkInterview, sampleCandidate, sampleClient } from '../../support/fixtures';
import {
  advanceTo,
  checkoutOpenedFor,
  completePaperwork,
  emailsFor,
  paymentLinks,
  readPlacement,
  recordExamScore,
  recordSelection,
  signContract,
  type PlacementSeen,
  sentFrom,
} from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// A VE who does not pass: the client hears it kindly, Customer Service restarts interviews, and the
// reserve the client funded carries over to the client's next placement. Client in New York, agency in
// Chicago, April 2030 (no DST change).

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { first: newYorkInterview } });

describe('a VE who scores below the pass mark', () => {
  it('is NOT_CERTIFIED after a score of 79, with no certificate', async () => {
    await advanceTo(scenario.system, '2030-04-03T15:00:00Z');
    await completePaperwork(scenario.system, scenario.first.id);
    await advanceTo(scenario.system, '2030-04-12T19:00:00Z');
    expect((await readPlacement(scenario.system, scenario.first.id)).status).toBe('EXAM');

    const response = await recordExamScore(scenario.system, scenario.first.id, 79);

    expect(response.status, response.body).toBe(200);
    const failed = await readPlacement(scenario.system, scenario.first.id);
    expect(failed.status).toBe('NOT_CERTIFIED');
    expect(failed.certificate).toBeUndefined();
    expect(failed.reserve?.status).toBe('FUNDED');
  });

  it("tells the client kindly, without the VE's contact details, that Customer Service will restart interviews", async () => {
    const toClient = sentFrom(await emailsFor(scenario.system, scenario.first), '2030-04-12T19:00:00Z').filter((email) => email.to.includes(sampleClient.email));

    expect(toClient).toHaveLength(1);
    const [letter] = toClient;
    expect(letter?.at.slice(0, 16)).toBe('2030-04-12T19:00');
    expect(letter?.text).toMatch(/did not pass/);
    expect(letter?.text).toMatch(/Customer Service Team will contact you shortly to restart interviews/);
    expect(letter?.attachments).toEqual([]);
    for (const body of [letter?.text ?? '', letter?.html ?? '']) {
      expect(body).not.toContain(sampleCandidate.email);
      expect(body).not.toContain('917 555 0142');
    }
  });

  it('tells Customer Service to restart interviews, and nobody receives a certificate', async () => {
    const emails = await emailsFor(scenario.system, scenario.first);
    const toCustomerService = sentFrom(emails, '2030-04-12T19:00:00Z').filter((email) => email.to.includes(agencyMailboxes.customerService));

    expect(toCustomerService).toHaveLength(1);
    expect(toCustomerService[0]?.text).toMatch(/did not pass the certification exam \(score 79\)/);
    expect(toCustomerService[0]?.text).toMatch(/restart interviews/);
    expect(emails.filter((email) => email.attachments.length > 0)).toEqual([]);
    expect(emails.filter((email) => email.to.includes(sampleCandidate.email) && /certified/i.test(email.subject))).toEqual([]);
  });

  it('sends nothing more about it, not even on the Monday the VE would have started', async () => {
    const before = (await emailsFor(scenario.system, scenario.first)).length;

    await advanceTo(scenario.system, '2030-04-15T14:00:00Z');

    expect(await emailsFor(scenario.system, scenario.first)).toHaveLength(before);
    expect((await readPlacement(scenario.system, scenario.first.id)).status).toBe('NOT_CERTIFIED');
  });
});

describe("the same client's next placement", () => {
  let next: PlacementSeen;

  it('carries the funded reserve over at selection, and opens no checkout for it', async () => {
    next = await recordSelection(scenario.system, { clientTimezone: 'America/New_York', interviewAt: '2030-04-15T14:00:00Z', clientEmail: sampleClient.email });

    const seen = await readPlacement(scenario.system, next.id);
    expect(seen.reserve).toMatchObject({ status: 'FUNDED', carriedOverFrom: scenario.first.id });
    expect(seen.reserve?.checkoutSessionId).toBeUndefined();
    expect(await checkoutOpenedFor(scenario.system, next.id)).toBe(false);
    expect(await checkoutOpenedFor(scenario.system, scenario.first.id)).toBe(true);
  });

  it('sends an onboarding email that asks for the signature only', async () => {
    await advanceTo(scenario.system, '2030-04-16T13:00:00Z');

    const onboarding = sentFrom(await emailsFor(scenario.system, next), '2030-04-15T14:00:00Z');
    expect(onboarding).toHaveLength(1);
    const [letter] = onboarding;
    expect(letter?.to).toEqual([sampleClient.email]);
    expect(letter?.at).toBe('2030-04-16T13:00:00.000Z');
    expect(letter?.text).toContain('Review and sign the contract');
    expect(letter?.text).toMatch(/already in place/);
    expect(letter?.text).not.toMatch(/fund the billing reserve/i);
    expect(paymentLinks(letter ?? { text: '' })).toEqual([]);
    expect(letter?.html).not.toContain('/billing/pay/');
  });

  it('is READY on the signature alone, and its week is fixed', async () => {
    await advanceTo(scenario.system, '2030-04-17T15:00:00Z');

    await signContract(scenario.system, (await readPlacement(scenario.system, next.id)).contract?.envelopeId ?? '');

    const ready = await readPlacement(scenario.system, next.id);
    expect(ready.status).toBe('READY');
    expect(ready.timeline.certificationWeek).toBe('2030-04-22');
    expect(await checkoutOpenedFor(scenario.system, next.id)).toBe(false);
    const week = sentFrom(await emailsFor(scenario.system, next), '2030-04-17T15:00:00Z').filter((email) => /week/i.test(email.subject));
    expect(week.map((email) => email.to[0]).sort()).toEqual([sampleClient.email, sampleCandidate.email]);
  });

  it('runs its certification week from the planned Monday', async () => {
    await advanceTo(scenario.system, '2030-04-22T14:00:00Z');

    expect((await readPlacement(scenario.system, next.id)).status).toBe('IN_CERTIFICATION');
  });
});
