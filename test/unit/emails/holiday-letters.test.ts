import { describe, expect, it } from 'vitest';
import type { Placement } from '../../../functions/domain/schemas';
import {
  certifiedClientLetter,
  certifiedVeLetter,
  onboardingLinksLetter,
  paperworkReminderLetter,
  reservePaymentFailedLetter,
  weekScheduleLetter,
} from '../../../functions/emails/letters';
import { config, newPlacement } from '../../support/domain-fixtures';

// The agency keeps US federal holidays (the default). A week that holds one moves to the next full week,
// and a start on a holiday Monday moves to the Tuesday: the client's letters say why, in one sentence.

const links = { signingUrl: 'https://sign.example/e/1', paymentUrl: 'https://pay.example/c/1' };
const certificate = { id: 'CERT-7', verificationUrl: 'https://certify.agency.example/certificates/CERT-7' };
const passed = { score: 92, passMark: 80, passed: true, recordedAt: '2027-01-15T21:00:00Z' };

/** Selected Wednesday 18 November 2026: the week of 23 November holds Thanksgiving. */
const thanksgiving: Placement = newPlacement('pl-thanksgiving', { interviewAt: '2026-11-17T15:00:00Z', selectedAt: '2026-11-18T16:00:00Z' });
/** Selected Wednesday 16 December 2026: Christmas Day, then New Year's Day, each on a Friday. */
const christmas: Placement = newPlacement('pl-christmas', { interviewAt: '2026-12-15T15:00:00Z', selectedAt: '2026-12-16T16:00:00Z' });
/** Selected Wednesday 6 January 2027: the week of 11 January is free, the Monday after it is Martin Luther King Jr. Day. */
const mlkStart: Placement = { ...newPlacement('pl-mlk', { interviewAt: '2027-01-05T15:00:00Z', selectedAt: '2027-01-06T16:00:00Z' }), exam: passed };
/** An ordinary week: nothing to explain. */
const ordinary: Placement = { ...newPlacement('pl-ordinary'), exam: passed };

const thanksgivingLine =
  'The week of Monday, November 23, 2026 holds Thanksgiving Day (Thursday, November 26, 2026), when the agency is closed, so the certification runs the week of Monday, November 30, 2026.';
const mlkLine = 'Monday, January 18, 2027 is Martin Luther King Jr. Day, an agency holiday, so Vee starts on Tuesday, January 19, 2027.';

describe('the letters say why the week moved for a holiday', () => {
  it.each([
    ['onboarding links', onboardingLinksLetter(thanksgiving, links, config)],
    ['paperwork reminder', paperworkReminderLetter(thanksgiving, links, config, { number: 1, of: 3 })],
    ['reserve payment failed', reservePaymentFailedLetter(thanksgiving, links.paymentUrl, config)],
    ['week schedule (client)', weekScheduleLetter(thanksgiving, config, 'client')],
    ['week schedule (VE)', weekScheduleLetter(thanksgiving, config, 've')],
  ])('%s names the week passed over, its holiday and the week it runs', (_name, email) => {
    expect(email.text).toContain(thanksgivingLine);
    expect(email.html).toContain('holds Thanksgiving Day (Thursday, November 26, 2026)');
  });

  it('names every week passed over: Christmas and New Year both fall on a Friday in 2026', () => {
    const { text } = weekScheduleLetter(christmas, config, 'client');

    expect(text).toContain(
      "The week of Monday, December 21, 2026 holds Christmas Day (Friday, December 25, 2026) and the week of Monday, December 28, 2026 holds New Year's Day (Friday, January 1, 2027), when the agency is closed, so the certification runs the week of Monday, January 4, 2027.",
    );
    expect(text).toContain('Monday, January 4, 2027 at 10:00 AM EST');
  });

  it('says nothing of holidays when the week is the one first planned', () => {
    for (const email of [onboardingLinksLetter(ordinary, links, config), weekScheduleLetter(ordinary, config, 'client'), certifiedClientLetter(ordinary, config, certificate)]) {
      expect(email.text).not.toMatch(/holiday|when the agency is closed/);
    }
  });

  it('leaves the holiday out once the planned week is lost anyway: the new dates come in their own letter', () => {
    const { text } = onboardingLinksLetter(thanksgiving, links, config, true, '2026-12-01T15:00:00Z');

    expect(text).toContain('could not be kept');
    expect(text).not.toContain('Thanksgiving');
  });
});

describe('the letters say why the start moved for a holiday Monday', () => {
  it.each([
    ['week schedule (client)', weekScheduleLetter(mlkStart, config, 'client')],
    ['certified (client)', certifiedClientLetter(mlkStart, config, certificate)],
  ])('%s gives the client the Tuesday and the holiday', (_name, email) => {
    expect(email.text).toContain(mlkLine);
    expect(email.text).toContain('Tuesday, January 19, 2027 at 9:00 AM EST');
  });

  it.each([
    ['week schedule (VE)', weekScheduleLetter(mlkStart, config, 've')],
    ['certified (VE)', certifiedVeLetter(mlkStart, config, certificate)],
  ])('%s tells the VE too', (_name, email) => {
    expect(email.text).toContain('Monday, January 18, 2027 is Martin Luther King Jr. Day, an agency holiday, so you start on Tuesday, January 19, 2027.');
  });
});
