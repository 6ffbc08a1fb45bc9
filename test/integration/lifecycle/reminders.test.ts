import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { agencyMailboxes, sampleClient } from '../../support/fixtures';
import { get } from '../../support/local-system';
import { advanceTo, completePaperwork, emailsFor, paymentLinks, readPlacement, type EmailSeen } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// A client who does nothing. Client in Los Angeles (PDT, UTC−7), interview Tuesday 2030-04-02, so the
// links go out Wednesday 09:00 PDT; the default cadence is a reminder every 2 days, 3 of them: Friday,
// then Sunday (the client's weekend, so Monday), then Wednesday; then one escalation to Customer Service.
// A callback wait times out in whole seconds, so each check lands within a second after its minute:
// the tests look one second past it (the SES stand-in records whole seconds).

const clientZone = 'America/Los_Angeles';

const scenario = selectionScenario({
  now: '2030-04-02T18:00:00Z',
  selections: { placement: { clientTimezone: clientZone, interviewAt: '2030-04-02T17:00:00Z' } },
});

const toClient = async () => (await emailsFor(scenario.system, scenario.placement)).filter((email) => email.to.includes(sampleClient.email));
const reminders = async () => (await toClient()).filter((email) => email.subject.startsWith('Reminder:'));
const escalations = async () => (await emailsFor(scenario.system, scenario.placement)).filter((email) => email.to.includes(agencyMailboxes.customerService));
const clientClock = (email: EmailSeen) => DateTime.fromISO(email.at).setZone(clientZone).toFormat('cccc HH:mm');

describe('onboarding links nobody acts on', () => {
  it('sends the links Wednesday at 09:00 in Los Angeles', async () => {
    await advanceTo(scenario.system, '2030-04-03T16:00:00Z');

    const [onboarding, ...others] = await toClient();
    expect(others).toEqual([]);
    expect(onboarding?.at).toBe('2030-04-03T16:00:00.000Z');
    expect(paymentLinks(onboarding ?? { text: '' })).toHaveLength(1);
  });

  it('reminds on Friday at 09:00 client time, and not a minute before', async () => {
    await advanceTo(scenario.system, '2030-04-05T15:59:00Z');
    expect(await reminders()).toEqual([]);

    await advanceTo(scenario.system, '2030-04-05T16:00:01Z');

    const [first, ...others] = await reminders();
    expect(others).toEqual([]);
    expect(first && clientClock(first)).toBe('Friday 09:00');
  });

  it('sends nothing on the weekend: the reminder due Sunday comes Monday at 09:00', async () => {
    await advanceTo(scenario.system, '2030-04-08T15:59:00Z');
    expect(await reminders()).toHaveLength(1);

    await advanceTo(scenario.system, '2030-04-08T16:00:01Z');

    expect((await reminders()).map(clientClock)).toEqual(['Friday 09:00', 'Monday 09:00']);
  });

  it('sends the third reminder on Wednesday, and none of them on a Saturday or Sunday', async () => {
    await advanceTo(scenario.system, '2030-04-12T15:59:00Z');

    const sent = await reminders();
    expect(sent.map((email) => email.at)).toEqual(['2030-04-05T16:00:00.000Z', '2030-04-08T16:00:00.000Z', '2030-04-10T16:00:00.000Z']);
    expect((await toClient()).map(clientClock).filter((moment) => /^(Saturday|Sunday)/.test(moment))).toEqual([]);
  });

  it('gives every reminder the same links, which open a fresh checkout once the first has expired', async () => {
    const [onboarding, ...sent] = await toClient();
    const links = [onboarding, ...sent].map((email) => paymentLinks(email ?? { text: '' }));
    const before = await readPlacement(scenario.system, scenario.placement.id);

    const followed = await get(links.at(-1)?.[0] ?? '');
    const again = await get(links[0]?.[0] ?? '');
    const after = await readPlacement(scenario.system, scenario.placement.id);

    expect(links.every((found) => found.length === 1)).toBe(true);
    expect(new Set(links.flat()).size).toBe(1);
    // The checkout opened with the first email expired after a day: following the link opened a new one.
    expect(after.reserve?.checkoutSessionId).not.toBe(before.reserve?.checkoutSessionId);
    expect(followed.status).toBe(302);
    expect(followed.headers.location).toContain(`/billing/pay/${after.reserve?.checkoutSessionId ?? 'none'}`);
    expect(again.headers.location).toBe(followed.headers.location);
    for (const email of sent) expect(email.text).toContain('Review and sign the contract');
  });

  it('does not hold the client to a deadline that has already passed', async () => {
    const [, afterCutoff, last] = await reminders(); // Monday 09:00 PDT and Wednesday: after Monday 09:00 Chicago

    for (const email of [afterCutoff, last]) {
      expect(email?.text).not.toContain('before Monday, April 8, 2030 at 7:00 AM PDT');
      expect(email?.text).toMatch(/first Monday after/);
    }
    expect(last?.text).toMatch(/Customer Service Team will be in touch/);
  });

  it('escalates to Customer Service once, after the last reminder, and flags the placement', async () => {
    expect(await escalations()).toEqual([]);
    expect((await readPlacement(scenario.system, scenario.placement.id)).needsAttention).toBeUndefined();

    await advanceTo(scenario.system, '2030-04-12T16:00:01Z');

    const [escalation, ...others] = await escalations();
    expect(others).toEqual([]);
    expect(escalation?.at).toBe('2030-04-12T16:00:00.000Z');
    expect(escalation?.text).toContain(scenario.placement.id);
    expect(escalation?.text).toMatch(/the contract .*not signed/);
    expect(escalation?.text).toMatch(/the billing reserve \(not funded\)/);
    expect(escalation?.text).toMatch(/missed its cutoff/);
    const flagged = await readPlacement(scenario.system, scenario.placement.id);
    expect(flagged.status).toBe('AWAITING_ONBOARDING');
    expect(flagged.needsAttention?.reason).toMatch(/last reminder/);
  });

  it('then sends nothing more for a week', async () => {
    const before = (await emailsFor(scenario.system, scenario.placement)).length;

    await advanceTo(scenario.system, '2030-04-19T16:30:00Z');

    expect(await emailsFor(scenario.system, scenario.placement)).toHaveLength(before);
    expect(await reminders()).toHaveLength(3);
    expect(await escalations()).toHaveLength(1);
  });

  it('still becomes READY when the client finally signs and pays, and runs the next week', async () => {
    await completePaperwork(scenario.system, scenario.placement.id);

    const ready = await readPlacement(scenario.system, scenario.placement.id);
    expect(ready.status).toBe('READY');
    expect(ready.timeline.certificationWeek).toBe('2030-04-22');
    // The escalation's reason is gone: staff no longer see it as needing attention.
    expect(ready.needsAttention).toBeUndefined();
    const week = (await toClient()).at(-1);
    expect(week?.subject).toMatch(/New dates/);

    await advanceTo(scenario.system, '2030-04-22T14:00:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('IN_CERTIFICATION');
    expect(await reminders()).toHaveLength(3);
  });
});
