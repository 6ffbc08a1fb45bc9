import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseClosedClientLetter } from '../../../functions/emails/case-letters';
import type { RenderedEmail } from '../../../functions/emails/layout';
import {
  certifiedClientLetter,
  certifiedVeLetter,
  checkInLetter,
  contractRefusedNoticeLetter,
  customerServiceNoticeLetter,
  examDayLetter,
  lifecycleStoppedNoticeLetter,
  mentorCaseLetter,
  notCertifiedClientLetter,
  notCertifiedNoticeLetter,
  onboardingLinksLetter,
  paperworkEscalationLetter,
  paperworkReminderLetter,
  proctorReminderLetter,
  reservePaymentFailedLetter,
  staffDigestLetter,
  weekScheduleLetter,
  welcomeLetter,
} from '../../../functions/emails/letters';
import { reservePaymentRefusedNoticeLetter, reserveReversedNoticeLetter } from '../../../functions/emails/reserve-letters';
import { config, newPlacement } from '../../support/domain-fixtures';

// A letter that says "reply to this email" must send the reply somewhere: Customer Service for the
// client's letters, the mentor team for those that invite the client to talk to the mentors, the client
// for a notice the mentors answer. A letter that does not say it carries no Reply-To.

const placement = { ...newPlacement('pl-reply'), exam: { score: 91, passMark: 80, passed: true, recordedAt: '2025-06-13T21:00:00Z' } };
const links = { signingUrl: 'https://sign.example/e/1', paymentUrl: 'https://pay.example/c/1' };
const certificate = { id: 'CERT-42', verificationUrl: 'https://certify.agency.example/certificates/CERT-42' };
const checkInLinks = {
  checkInAnswerUrl: (checkIn: number, answer: string) => `https://certify.agency.example/links/pl-reply/check-ins/${checkIn}/${answer}`,
  talkToUsUrl: 'https://certify.agency.example/links/pl-reply/talk-to-us',
  phaseUrl: (phase: string) => `https://certify.agency.example/links/pl-reply/phase/${phase}`,
};
const customerService = config.customerServiceEmail;
const mentors = config.mentorTeamEmail;

/** Every letter by the name of the function that writes it (some in more than one variant), and where its replies should go. */
const letters: Record<string, [string, RenderedEmail, string | undefined][]> = {
  onboardingLinksLetter: [
    ['onboarding links', onboardingLinksLetter(placement, links, config), customerService],
    ['onboarding links, resent after the cutoff', onboardingLinksLetter(placement, links, config, true, '2025-06-10T15:00:00Z'), customerService],
  ],
  paperworkReminderLetter: [
    ['first reminder', paperworkReminderLetter(placement, links, config, { number: 1, of: 3 }), customerService],
    ['last reminder', paperworkReminderLetter(placement, links, config, { number: 3, of: 3 }), customerService],
  ],
  reservePaymentFailedLetter: [['reserve payment failed', reservePaymentFailedLetter(placement, links.paymentUrl, config), customerService]],
  weekScheduleLetter: [
    ['week schedule (client)', weekScheduleLetter(placement, config, 'client'), customerService],
    ['week schedule (VE)', weekScheduleLetter(placement, config, 've'), undefined],
  ],
  certifiedClientLetter: [['certified (client)', certifiedClientLetter(placement, config, certificate), customerService]],
  certifiedVeLetter: [['certified (VE)', certifiedVeLetter(placement, config, certificate), undefined]],
  notCertifiedClientLetter: [['not certified (client)', notCertifiedClientLetter(placement, config), customerService]],
  welcomeLetter: [['welcome', welcomeLetter(placement, config, checkInLinks.talkToUsUrl), mentors]],
  checkInLetter: [['check-in', checkInLetter(placement, config, { number: 1, weeksAfterStart: 1 }, checkInLinks), mentors]],
  mentorCaseLetter: [
    ['mentor case', mentorCaseLetter(placement, 'CASE-1', 'How do I share my calendar?', config), placement.client.email],
    ['mentor case (low review)', mentorCaseLetter(placement, 'CASE-2', 'Could be better.', config, 'LOW_REVIEW'), placement.client.email],
    ['mentor case (client quiet)', mentorCaseLetter(placement, 'CASE-3', '', config, 'CLIENT_QUIET'), placement.client.email],
  ],
  caseClosedClientLetter: [
    ['case closed (client)', caseClosedClientLetter(placement, { id: 'CASE-1', reason: 'TALK_TO_US' }, { by: 'Sam Mentor', text: 'Shared calendars are set up now.' }, config), mentors],
  ],
  customerServiceNoticeLetter: [['customer service notice', customerServiceNoticeLetter(placement, 'The contract was declined.', config), undefined]],
  contractRefusedNoticeLetter: [['contract refused', contractRefusedNoticeLetter(placement, config), undefined]],
  notCertifiedNoticeLetter: [['not certified (Customer Service)', notCertifiedNoticeLetter(placement, config), undefined]],
  lifecycleStoppedNoticeLetter: [['lifecycle stopped', lifecycleStoppedNoticeLetter(placement, 'The lifecycle stopped: Lambda.Unknown', config), undefined]],
  staffDigestLetter: [['staff digest', staffDigestLetter([{ placement, why: 'the exam result is overdue.' }], config), undefined]],
  paperworkEscalationLetter: [['paperwork escalation', paperworkEscalationLetter(placement, config), undefined]],
  examDayLetter: [['exam day', examDayLetter(placement, config), undefined]],
  proctorReminderLetter: [['proctor reminder', proctorReminderLetter(placement, config), undefined]],
  reservePaymentRefusedNoticeLetter: [
    [
      'reserve payment refused',
      reservePaymentRefusedNoticeLetter(placement, { checkoutSessionId: 'cs_other', mode: 'payment', amountMinor: 100, currency: 'usd' }, 'It is not the checkout session opened for this placement.', config),
      undefined,
    ],
  ],
  reserveReversedNoticeLetter: [
    [
      'reserve refunded',
      reserveReversedNoticeLetter(placement, { kind: 'refund', paymentIntentId: 'pi_1', chargeId: 'ch_1', amountMinor: 150_000, fullyRefunded: true }, config),
      undefined,
    ],
  ],
};

const saysReply = (email: RenderedEmail) => /reply to this email/i.test(email.text) || /reply to this email/i.test(email.html);

describe('Reply-To', () => {
  it('is checked for every letter the agency writes', () => {
    // Prepare: every `…Letter` function exported from functions/emails.
    const folder = path.resolve(import.meta.dirname, '../../../functions/emails');
    const written = readdirSync(folder)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(path.join(folder, file), 'utf8').matchAll(/export function (\w+Letter)\b/g)].map((match) => match[1]));

    // Assess
    expect(Object.keys(letters).sort()).toEqual([...written].sort());
  });

  it.each(Object.values(letters).flat())('%s: says "reply to this email" exactly when it carries a Reply-To, and it is the right one', (_name, email, expected) => {
    expect(saysReply(email)).toBe(expected !== undefined);
    expect(email.replyTo).toBe(expected);
  });

  it("never points a reply back at the letter's own readers, nor at the sender", () => {
    for (const [name, email] of Object.values(letters).flat()) {
      if (email.replyTo === undefined) continue;
      expect(email.to, name).not.toContain(email.replyTo);
      expect(email.replyTo, name).not.toBe(config.senderAddress);
    }
  });
});
