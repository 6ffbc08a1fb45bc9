import { describe, expect, it } from 'vitest';
import { weekSchedule } from '../../../functions/domain/calendar';
import type { Client, Placement } from '../../../functions/domain/schemas';
import type { RenderedEmail } from '../../../functions/emails/layout';
import {
  certifiedClientLetter,
  certifiedVeLetter,
  checkInLetter,
  contractRefusedNoticeLetter,
  customerServiceNoticeLetter,
  lifecycleStoppedNoticeLetter,
  mentorCaseLetter,
  notCertifiedNoticeLetter,
  staffDigestLetter,
  examDayLetter,
  notCertifiedClientLetter,
  onboardingLinksLetter,
  paperworkEscalationLetter,
  paperworkReminderLetter,
  proctorReminderLetter,
  reservePaymentFailedLetter,
  weekScheduleLetter,
  welcomeLetter,
} from '../../../functions/emails/letters';
import { config, newPlacement } from '../../support/domain-fixtures';

// Agency time is America/Chicago (sessions 09:00, exam Friday 13:00, results by 17:00).
// US DST ends on Sunday 2026-11-01: the week of 2026-10-26 is CDT (UTC-5), the week of 2026-11-02 is CST (UTC-6).

const links = { signingUrl: 'https://sign.example/e/1', paymentUrl: 'https://pay.example/c/1' };
const certificate = { id: 'CERT-42', verificationUrl: 'https://certify.agency.example/certificates/CERT-42' };
const checkInLinks = {
  checkInAnswerUrl: (checkIn: number, answer: string) => `https://certify.agency.example/links/P1/check-ins/${checkIn}?answer=${answer}&key=k`,
  talkToUsUrl: 'https://certify.agency.example/links/P1/talk-to-us?key=k',
  phaseUrl: (phase: string) => `https://certify.agency.example/links/P1/phase/${phase}?key=k`,
};

interface PlacementOptions {
  client?: Partial<Client>;
  week?: string;
  rescheduledFrom?: string;
  score?: number;
  reserve?: Placement['reserve'];
  contract?: Placement['contract'];
}

/** A placement whose certification week is `week`, planned by the real calendar for the client's zone. */
function placement(options: PlacementOptions = {}): Placement {
  const base = newPlacement('pl-01');
  const client = { ...base.client, ...options.client };
  const week = options.week ?? '2026-11-02';
  return {
    ...base,
    client,
    timeline: {
      ...base.timeline,
      ...weekSchedule(week, client.timezone, config),
      ...(options.rescheduledFrom === undefined ? {} : { rescheduledFrom: options.rescheduledFrom }),
    },
    ...(options.score === undefined
      ? {}
      : { exam: { score: options.score, passMark: 80, passed: options.score >= 80, recordedAt: '2026-11-06T21:00:00Z' } }),
    ...(options.reserve === undefined ? {} : { reserve: options.reserve }),
    ...(options.contract === undefined ? {} : { contract: options.contract }),
  };
}

const funded: Placement['reserve'] = { status: 'FUNDED', fundedAt: '2026-10-28T15:00:00Z' };
const sent: Placement['contract'] = { envelopeId: 'env-1', status: 'SENT', sentAt: '2026-10-27T14:00:00Z' };
const signed: Placement['contract'] = { ...sent, status: 'SIGNED', signedAt: '2026-10-28T14:00:00Z' };

const allLetters = (subject: Placement): [string, RenderedEmail][] => [
  ['onboarding links', onboardingLinksLetter(subject, links, config)],
  ['paperwork reminder', paperworkReminderLetter(subject, links, config, { number: 1, of: 3 })],
  ['reserve payment failed', reservePaymentFailedLetter(subject, links.paymentUrl, config)],
  ['customer service notice', customerServiceNoticeLetter(subject, 'The contract was declined.', config)],
  ['paperwork escalation', paperworkEscalationLetter(subject, config)],
  ['week schedule (client)', weekScheduleLetter(subject, config, 'client')],
  ['week schedule (VE)', weekScheduleLetter(subject, config, 've')],
  ['exam day', examDayLetter(subject, config)],
  ['proctor reminder', proctorReminderLetter(subject, config)],
  ['certified (client)', certifiedClientLetter(subject, config, certificate)],
  ['certified (VE)', certifiedVeLetter(subject, config, certificate)],
  ['not certified', notCertifiedClientLetter(subject, config)],
  ['welcome', welcomeLetter(subject, config)],
  ['check-in', checkInLetter(subject, config, { number: 2, weeksAfterStart: 2 }, checkInLinks)],
  ['contract refused (Customer Service)', contractRefusedNoticeLetter(subject, config)],
  ['not certified (Customer Service)', notCertifiedNoticeLetter(subject, config)],
  ['lifecycle stopped (Customer Service)', lifecycleStoppedNoticeLetter(subject, 'The lifecycle stopped: Lambda.Unknown', config)],
  ['staff digest', staffDigestLetter([{ placement: subject, why: 'the exam result is overdue.' }], config)],
  ['mentor case', mentorCaseLetter(subject, 'CASE-1', 'How do I share my calendar?', config)],
];

/** Who each letter is for, by its name above. */
const readers = (subject: Placement): Record<string, string[]> => {
  const client = [subject.client.email];
  const ve = [subject.candidate.email];
  const customerService = [config.customerServiceEmail];
  const proctors = [config.proctorsEmail];
  return {
    'onboarding links': client,
    'paperwork reminder': client,
    'reserve payment failed': client,
    'customer service notice': customerService,
    'paperwork escalation': customerService,
    'week schedule (client)': client,
    'week schedule (VE)': ve,
    'exam day': proctors,
    'proctor reminder': proctors,
    'certified (client)': client,
    'certified (VE)': ve,
    'not certified': client,
    welcome: client,
    'check-in': client,
    'contract refused (Customer Service)': customerService,
    'not certified (Customer Service)': customerService,
    'lifecycle stopped (Customer Service)': customerService,
    'staff digest': customerService,
    'mentor case': [config.mentorTeamEmail],
  };
};

describe('every letter', () => {
  const tricky = placement({ client: { company: 'Smith & <Sons>' }, score: 91, reserve: funded, contract: sent });

  it.each(allLetters(tricky))('%s has a subject, a text body and an HTML body', (_name, email) => {
    expect(email.subject.trim()).not.toBe('');
    expect(email.text.trim()).not.toBe('');
    expect(email.html).toMatch(/^<!doctype html>.*<\/html>$/s);
  });

  it.each(allLetters(tricky))('%s escapes HTML special characters in HTML and keeps them plain in text', (_name, email) => {
    expect(email.html).not.toContain('<Sons>');
    expect(email.html).not.toContain('Smith & ');
    if (email.text.includes('Smith & <Sons>')) expect(email.html).toContain('Smith &amp; &lt;Sons&gt;');
  });

  it.each(allLetters(tricky))('%s is addressed to its readers', (name, email) => {
    expect(email.to).toEqual(readers(tricky)[name]);
  });

  it.each(allLetters(tricky))('%s carries the agency’s header and footer, in text and in HTML', (_name, email) => {
    const { branding } = config;
    expect(email.text.startsWith(`${branding.name}\n\n`)).toBe(true);
    expect(email.text).toMatch(new RegExp(`\n-- \n${branding.name}\n.*312.*555.*0100 · agency\\.example\\.com\n${branding.postalAddress}\n$`));
    expect(email.html).toContain(`<img src="${config.publicBaseUrl}/assets/logo.svg" alt="${branding.name}"`);
    expect(email.html).toContain(`border-top:6px solid ${branding.brandColour}`);
    expect(email.html).toContain(`href="${branding.website}"`);
    expect(email.html).toContain(branding.postalAddress);
  });

  it('lets the mentor team answer a case straight to the client', () => {
    expect(mentorCaseLetter(tricky, 'CASE-1', 'Hello', config).replyTo).toBe(tricky.client.email);
  });

  it.each(allLetters(tricky).slice(4))('%s names the client company, plainly in text', (_name, email) => {
    expect(email.text).toContain('Smith & <Sons>');
    expect(email.html).toContain('Smith &amp; &lt;Sons&gt;');
  });
});

describe('times in the reader’s time zone', () => {
  const manila = placement({ client: { timezone: 'Asia/Manila' }, week: '2026-11-02' });

  it('a client in Manila (GMT+8) sees the Friday 13:00 CST exam on Saturday at 3:00 AM', () => {
    const { text } = weekScheduleLetter(manila, config, 'client');

    expect(text).toContain('Certification exam: Saturday, November 7, 2026 at 3:00 AM GMT+8');
    expect(text).toContain('Industry background: Monday, November 2, 2026 at 11:00 PM GMT+8');
    expect(text).not.toContain('CST');
  });

  it('the VE reads the same week in agency time', () => {
    const { text } = weekScheduleLetter(manila, config, 've');

    expect(text).toContain('Certification exam: Friday, November 6, 2026 at 1:00 PM CST');
    expect(text).toContain('Soft-skills mentoring: Thursday, November 5, 2026 at 9:00 AM CST');
    expect(text).not.toContain('GMT+8:');
  });

  it('the proctors read the exam and its deadline in agency time, whatever the client’s zone', () => {
    const { subject, text } = examDayLetter(manila, config);

    expect(subject).toContain('1:00 PM CST');
    expect(text).toContain('Friday, November 6, 2026 at 1:00 PM CST');
    expect(text).toContain('by Friday, November 6, 2026 at 5:00 PM CST');
    expect(text).not.toContain('GMT+8');
  });

  it.each([
    { week: '2026-10-26', zone: 'America/Chicago', exam: 'Friday, October 30, 2026 at 1:00 PM CDT' },
    { week: '2026-11-02', zone: 'America/Chicago', exam: 'Friday, November 6, 2026 at 1:00 PM CST' },
    { week: '2026-10-26', zone: 'America/New_York', exam: 'Friday, October 30, 2026 at 2:00 PM EDT' },
    { week: '2026-11-02', zone: 'America/New_York', exam: 'Friday, November 6, 2026 at 2:00 PM EST' },
  ])('across the end of DST: week of $week, a client in $zone sees the exam on $exam', ({ week, zone, exam }) => {
    const { text } = weekScheduleLetter(placement({ client: { timezone: zone }, week }), config, 'client');

    expect(text).toContain(`Certification exam: ${exam}`);
  });

  it('the certified VE letter gives the start as 9:00 AM client time, names the zone, and shows it in agency time', () => {
    const { text } = certifiedVeLetter(placement({ client: { timezone: 'Asia/Manila' }, score: 88 }), config, certificate);

    expect(text).toContain("Monday, November 9, 2026, at 9:00 AM in Alex's time zone, Philippine Standard Time (Asia/Manila)");
    expect(text).toContain('In agency time that is Sunday, November 8, 2026 at 7:00 PM CST');
  });
});

describe('the week schedule', () => {
  it('names the four sessions, the exam and the start after a pass', () => {
    const { text } = weekScheduleLetter(placement({ client: { company: 'Acme' } }), config, 'client');

    expect(text).toContain('Industry background: Monday, November 2');
    expect(text).toContain("Acme's company background: Tuesday, November 3");
    expect(text.match(/Soft-skills mentoring: (Wednesday|Thursday)/g)).toHaveLength(2);
    expect(text).toContain('starts working with you on Monday, November 9, 2026 at 9:00 AM EST');
    expect(text).toContain(config.customerServiceEmail);
  });

  it('tells the client plainly that a late-paperwork week moved, naming both weeks', () => {
    const moved = placement({ week: '2026-11-09', rescheduledFrom: '2026-11-02' });

    const email = weekScheduleLetter(moved, config, 'client');

    expect(email.subject).toContain('New dates');
    expect(email.text).toContain('completed after the cutoff');
    expect(email.text).toContain('from the week of Monday, November 2, 2026 to the week of Monday, November 9, 2026');
  });

  it('says nothing about a move when the week did not move', () => {
    const { text } = weekScheduleLetter(placement(), config, 'client');

    expect(text).not.toContain('moved');
    expect(text).not.toContain('cutoff');
  });

  it('greets the VE by first name', () => {
    const { text } = weekScheduleLetter(placement(), config, 've');

    expect(text).toContain('\n\nDear Vee,\n\n');
  });
});

describe('the exam result', () => {
  it('on a pass, gives the client the VE’s contact details, the certificate and the weekend', () => {
    const email = certifiedClientLetter(placement({ score: 91 }), config, certificate);

    expect(email.text).toContain('vee@ve.example');
    expect(email.text).toContain('+63 917 555 0100');
    expect(email.text).toContain('91 out of 100');
    expect(email.text).toContain('"Congratulations!"');
    expect(email.text).toContain('weekend');
    expect(email.text).toContain('attached');
    expect(email.html).toContain(`href="${certificate.verificationUrl}"`);
    expect(email.text).toContain('starts working with you on Monday, November 9, 2026 at 9:00 AM EST');
  });

  it('on a pass, congratulates the VE and links the certificate', () => {
    const { text } = certifiedVeLetter(placement({ score: 91 }), config, certificate);

    expect(text).toContain('Congratulations!');
    expect(text).toContain('weekend');
    expect(text).toContain('has your contact details');
    expect(text).toContain(certificate.verificationUrl);
  });

  it('on a fail, tells the client kindly, with no VE contact details', () => {
    const email = notCertifiedClientLetter(placement({ score: 60, reserve: funded }), config);

    expect(email.text).toContain('did not pass');
    expect(email.text).toContain('restart interviews');
    for (const body of [email.subject, email.text, email.html]) {
      expect(body).not.toContain('vee@ve.example');
      expect(body).not.toContain('917 555');
    }
  });

  it('on a fail, says a funded reserve carries over, and says nothing of it when unfunded', () => {
    const fundedText = notCertifiedClientLetter(placement({ reserve: funded }), config).text;
    const unfundedText = notCertifiedClientLetter(placement({ reserve: { status: 'AWAITING_PAYMENT' } }), config).text;

    expect(fundedText).toContain('carries over to your next placement');
    expect(fundedText).toContain('nothing to pay again');
    expect(unfundedText).not.toContain('reserve');
  });
});

describe('letters to staff', () => {
  it('the exam-day letter gives the proctors the route and the placement id', () => {
    const { text } = examDayLetter(placement(), config);

    expect(text).toContain('POST https://certify.agency.example/placements/pl-01/exam-result');
    expect(text).toContain('Placement: pl-01');
    expect(text).toContain('Vee Assistant');
  });

  it('the proctor reminder says the result is past due and when it was due', () => {
    const { subject, text } = proctorReminderLetter(placement(), config);

    expect(subject).toContain('Past due');
    expect(text).toContain('was due Friday, November 6, 2026 at 5:00 PM CST');
    expect(text).toContain('/placements/pl-01/exam-result');
  });

  it.each([
    { case: 'contract signed, reserve unpaid', contract: signed, reserve: { status: 'AWAITING_PAYMENT' as const }, owed: ['reserve'], done: ['contract'] },
    { case: 'contract unsigned, reserve funded', contract: sent, reserve: funded, owed: ['contract'], done: ['reserve'] },
    { case: 'neither', contract: sent, reserve: { status: 'PAYMENT_FAILED' as const }, owed: ['contract', 'payment failed'], done: [] },
  ])('the escalation to Customer Service names what is outstanding: $case', ({ contract, reserve, owed, done }) => {
    const { text } = paperworkEscalationLetter(placement({ contract, reserve }), config);
    const outstanding = text.slice(text.indexOf('Still outstanding:'), text.indexOf('Please reach out'));

    for (const item of owed) expect(outstanding).toContain(item);
    for (const item of done) expect(outstanding).not.toContain(item);
    expect(text).toContain('alex@client.example');
  });
});

describe('after the start', () => {
  it('the welcome letter names the three tips, the three phases and the mentor team', () => {
    const { text } = welcomeLetter(placement(), config);

    for (const tip of ['Communicate regularly', 'Share your expectations', 'Talk to us']) expect(text).toContain(tip.toUpperCase());
    expect(text).toContain('daily check-in');
    expect(text).toContain('Phase I: clerical and reactive');
    expect(text).toContain('Phase II: administrative work, both reactive and proactive');
    expect(text).toContain('Phase III: personal executive assistant');
    expect(text).toContain(config.mentorTeamEmail);
    expect(text).toContain(config.customerServiceEmail);
  });

  it.each([
    { number: 1, weeks: 1, says: 'a week' },
    { number: 3, weeks: 3, says: '3 weeks' },
    { number: 4, weeks: 4, says: 'a month' },
    { number: 6, weeks: 12, says: '3 months' },
  ])('check-in $number says "$says" and links each answer to its own one-click address', ({ number, weeks, says }) => {
    const { subject, text, html, replyTo } = checkInLetter(placement(), config, { number, weeksAfterStart: weeks }, checkInLinks);

    expect(subject).toBe('How is it going with Vee Assistant?');
    expect(text).toContain(`It has been ${says} since`);
    for (const answer of ['great', 'good', 'mixed', 'trouble'] as const) {
      expect(text).toContain(checkInLinks.checkInAnswerUrl(number, answer));
      expect(html).toContain(checkInLinks.checkInAnswerUrl(number, answer).replace(/&/g, '&amp;'));
    }
    expect(text).toContain(checkInLinks.talkToUsUrl);
    expect(replyTo).toBe(config.mentorTeamEmail);
    expect(text).not.toContain('READY FOR PHASE');
  });

  it('offers the suggested phase with a link to accept it, and only then', () => {
    const base = placement();
    const suggested = {
      ...base,
      status: 'ACTIVE' as const,
      relationship: { phase: 'I' as const, since: base.timeline.startsAt, movedBy: 'the agency', checkInsSent: 2, reviews: [], suggestedPhase: { phase: 'II' as const, at: base.timeline.startsAt } },
    };

    const { text } = checkInLetter(suggested, config, { number: 3, weeksAfterStart: 3 }, checkInLinks);

    expect(text).toContain('READY FOR PHASE II?');
    expect(text).toContain(checkInLinks.phaseUrl('II'));
    expect(text).toContain('You are in Phase I');
  });
});
