import type { AgencyConfig } from '../domain/agency-config';
import { cutoffPassed } from '../domain/calendar';
import type { Instant, Placement } from '../domain/placement';
import { acknowledgementWorkingDays, type MentorCaseReason } from '../domain/mentor-cases';
import type { RelationshipPhase, ReviewAnswer } from '../domain/schemas';
import { formatMoney, phoneForReader } from './format';
import {
  agencyCountry,
  calendarDay,
  clientCountry,
  clockTime,
  inReaderTime,
  render,
  veCountry,
  zoneName,
  type Block,
  type LetterAgency,
  type RenderedEmail,
} from './layout';

/** The letters the agency sends, each a typed function of the placement and what the moment adds. */

/** What the letters need to know about the agency: where to reach people, its time zone, its public address. */
export type Agency = Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone' | 'mentorTeamEmail' | 'proctorsEmail' | 'publicBaseUrl' | 'branding'>;

/** The part of the agency the onboarding-stage letters use; any `Agency` (or the whole config) will do. */
type ServiceAgency = Pick<Agency, 'customerServiceEmail' | 'agencyTimezone'> & LetterAgency;

/** The onboarding letter names the reserve's amount too. */
type OnboardingAgency = ServiceAgency & Pick<AgencyConfig, 'reserveAmountMinor' | 'reserveCurrency'>;

export interface OnboardingLinks {
  signingUrl: string;
  paymentUrl: string;
}

const firstName = (fullName: string) => fullName.trim().split(/\s+/)[0] ?? fullName;

const customerServiceLine = (agency: Pick<Agency, 'customerServiceEmail'>) =>
  `Can't find something, or have a question? Ask our Customer Service Team at ${agency.customerServiceEmail}; just reply to this email.`;

/** Whether a letter written at `writtenAt` comes after the planned week's cutoff (its first session), so that week is lost. */
const weekLost = (placement: Placement, writtenAt: Instant | undefined) =>
  writtenAt !== undefined && cutoffPassed(placement.timeline.weekStartsAt, writtenAt);

/** "a, b and c" */
const inWords = (items: string[]) => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`);

/** Why the certification week is not the first one the calendar offered: the agency holidays in the weeks passed over. */
const holidayWeekLines = (placement: Placement): string[] => {
  const skipped = placement.timeline.weeksSkippedForHolidays ?? [];
  if (skipped.length === 0) return [];
  const held = inWords(skipped.map(({ week, holiday, day }) => `the week of ${calendarDay(week)} holds ${holiday} (${calendarDay(day)})`));
  return [
    `${held.charAt(0).toUpperCase()}${held.slice(1)}, when the agency is closed, so the certification runs the week of ${calendarDay(placement.timeline.certificationWeek)}.`,
  ];
};

/** Why the first working day is not the Monday after the exam: that Monday is an agency holiday. `who` starts: "Maria", "you". */
const holidayStartLines = (placement: Placement, who: string): string[] => {
  const { startMovedForHoliday: moved, startDate } = placement.timeline;
  if (moved === undefined) return [];
  return [`${calendarDay(moved.from)} is ${moved.holiday}, an agency holiday, so ${who} start${who === 'you' ? '' : 's'} on ${calendarDay(startDate)}.`];
};

/** The week's programme in one sentence, its moments in the reader's time zone (a Friday-afternoon exam in Chicago is Saturday in Manila). */
const weekInWords = (placement: Placement, zone: string) =>
  `industry background, your company's background and soft-skills mentoring in four daily sessions from ${inReaderTime(placement.timeline.weekStartsAt, zone)}, and the certification exam on ${inReaderTime(placement.timeline.examAt, zone)}`;

/** The day after the interview: sign the contract, fund the reserve, and what the week will look like. */
export function onboardingLinksLetter(
  placement: Placement,
  links: OnboardingLinks,
  agency: OnboardingAgency,
  resent = false,
  writtenAt?: Instant,
): RenderedEmail {
  const ve = placement.candidate.name;
  const zone = placement.client.timezone;
  const reserveDone = placement.reserve?.status === 'FUNDED';
  // A reserve carried over from an earlier placement: only the signature is asked for.
  const reserveBlocks: Block[] = reserveDone
    ? [
        { heading: 'Your billing reserve' },
        'Your billing reserve is already in place from your earlier placement, so there is nothing to pay this time.',
      ]
    : [
        { heading: '2. Fund the billing reserve' },
        `The billing reserve of ${formatMoney(agency.reserveAmountMinor, agency.reserveCurrency)} is a one-time payment that secures the placement; it is held against your first invoices.`,
        { link: { label: 'Fund the billing reserve', url: links.paymentUrl } },
      ];
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.customerServiceEmail,
    subject: `${resent ? 'Again: ' : ''}Next steps to certify ${ve} for ${placement.client.company}`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `Thank you for selecting ${ve}. Before ${firstName(ve)} starts the one-week certification for ${placement.client.company}, ${reserveDone ? 'one thing needs' : 'two things need'} your attention.`,
      { heading: reserveDone ? 'Sign the contract' : '1. Sign the contract' },
      'The contract is ready for your signature through DocuSign.',
      { link: { label: 'Review and sign the contract', url: links.signingUrl } },
      ...reserveBlocks,
      { heading: 'The certification week' },
      ...(weekLost(placement, writtenAt)
        ? [
            `The certification runs Monday to Friday: industry background, your company's background and soft-skills mentoring in four daily sessions, then the certification exam. The week of ${calendarDay(placement.timeline.certificationWeek)} could not be kept, so it will be the first Monday after ${reserveDone ? 'the contract is signed' : 'both are done'}; we will write to you with the dates.`,
          ]
        : [
            `With ${reserveDone ? 'the contract signed' : 'both done'} before ${inReaderTime(placement.timeline.weekStartsAt, zone)}, ${firstName(ve)}'s certification runs the week of ${calendarDay(placement.timeline.certificationWeek)}: ${weekInWords(placement, zone)}.`,
            ...holidayWeekLines(placement),
          ]),
      customerServiceLine(agency),
    ],
  }, agency);
}

/** A reminder of the same two links, kinder each time; the last one says Customer Service will call. */
export function paperworkReminderLetter(
  placement: Placement,
  links: OnboardingLinks,
  agency: ServiceAgency,
  reminder: { number: number; of: number },
  writtenAt?: Instant,
): RenderedEmail {
  const ve = placement.candidate.name;
  const outstanding = [
    ...(placement.contract?.status === 'SIGNED' ? [] : ['sign the contract']),
    ...(placement.reserve?.status === 'FUNDED' ? [] : ['fund the billing reserve']),
  ];
  const last = reminder.number === reminder.of;
  const { certificationWeek, weekStartsAt } = placement.timeline;
  const cutoff = inReaderTime(weekStartsAt, placement.client.timezone);
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.customerServiceEmail,
    subject: `Reminder: ${outstanding.join(' and ')} for ${ve}`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      ...(weekLost(placement, writtenAt)
        ? [
            `A friendly reminder: ${firstName(ve)}'s certification could not start the week of ${calendarDay(certificationWeek)}, as the paperwork was not complete by ${cutoff}. Please ${outstanding.join(' and ')}: the certification week will then be the first Monday after both are done, and we will write to you with the new dates.`,
          ]
        : [
            `A friendly reminder: to keep ${firstName(ve)}'s certification on the week of ${calendarDay(certificationWeek)}, please ${outstanding.join(' and ')} before ${cutoff}.`,
            ...holidayWeekLines(placement),
          ]),
      ...(placement.contract?.status === 'SIGNED' ? [] : [{ link: { label: 'Review and sign the contract', url: links.signingUrl } }]),
      ...(placement.reserve?.status === 'FUNDED' ? [] : [{ link: { label: 'Fund the billing reserve', url: links.paymentUrl } }]),
      last
        ? `If the links are not working for you, our Customer Service Team will be in touch shortly, and you can reach them any time at ${agency.customerServiceEmail}, or just reply to this email.`
        : customerServiceLine(agency),
    ],
  }, agency);
}

/** The billing provider could not collect the reserve: say so plainly and offer the link again. */
export function reservePaymentFailedLetter(
  placement: Placement,
  paymentUrl: string | undefined,
  agency: ServiceAgency,
  writtenAt?: Instant,
): RenderedEmail {
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.customerServiceEmail,
    subject: `Your billing reserve payment for ${placement.candidate.name} did not go through`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `Your bank or card provider did not complete the billing reserve payment for ${placement.candidate.name}'s placement. Nothing was charged.`,
      ...(paymentUrl === undefined ? [] : [{ link: { label: 'Try the payment again', url: paymentUrl } }]),
      ...(weekLost(placement, writtenAt)
        ? [`The certification week will be the first Monday after the contract is signed and the reserve is funded; we will write to you with the dates.`]
        : [
            `The reserve is needed before ${inReaderTime(placement.timeline.weekStartsAt, placement.client.timezone)} to keep the certification week of ${calendarDay(placement.timeline.certificationWeek)}.`,
            ...holidayWeekLines(placement),
          ]),
      customerServiceLine(agency),
    ],
  }, agency);
}

/** The facts Customer Service needs about a placement. */
const placementFacts = (placement: Placement): string[] => [
  `Client: ${placement.client.name}, ${placement.client.company} (${placement.client.email}; time zone ${placement.client.timezone})`,
  `VE: ${placement.candidate.name}`,
  `Status: ${placement.status}`,
  `Certification week: ${calendarDay(placement.timeline.certificationWeek)}`,
  `Placement: ${placement.id}`,
];

const staffSignOff = 'VE Certification';

/** For Customer Service: a placement that needs a person. */
export function customerServiceNoticeLetter(placement: Placement, what: string, agency: ServiceAgency): RenderedEmail {
  return render({
    to: [agency.customerServiceEmail],
    readerCountry: agencyCountry(agency),
    subject: `[Placement ${placement.id}] ${what}`,
    greeting: 'Hello Customer Service,',
    blocks: [
      what,
      { list: placementFacts(placement) },
      `Times are ${agency.agencyTimezone}. The placement's history in the staff API shows every step so far.`,
    ],
    signOff: staffSignOff,
  }, agency);
}

/** For Customer Service: the client declined the contract or its envelope was voided, so the placement is cancelled. */
export function contractRefusedNoticeLetter(placement: Placement, agency: ServiceAgency): RenderedEmail {
  const what = placement.contract?.status === 'DECLINED' ? 'declined the contract' : 'had the contract envelope voided';
  return customerServiceNoticeLetter(placement, `The client ${what}: the placement is cancelled.`, agency);
}

/** For Customer Service: the VE did not pass, so interviews restart with the client. */
export function notCertifiedNoticeLetter(placement: Placement, agency: ServiceAgency): RenderedEmail {
  const reserve =
    placement.reserve?.status === 'FUNDED' ? 'The funded reserve carries over to their next placement.' : 'No reserve was funded.';
  return customerServiceNoticeLetter(
    placement,
    `${placement.candidate.name} did not pass the certification exam (score ${placement.exam?.score ?? '?'}): please restart interviews with the client. ${reserve}`,
    agency,
  );
}

/** For Customer Service: a lifecycle step failed past its retries; `reason` is the flag the placement now carries. */
export function lifecycleStoppedNoticeLetter(placement: Placement, reason: string, agency: ServiceAgency): RenderedEmail {
  return customerServiceNoticeLetter(placement, `${reason}. A person needs to look at this placement; staff can see its history in the API.`, agency);
}

/** A placement in the staff digest, and why it needs a person. */
export interface DigestItem {
  placement: Placement;
  why: string;
}

/** The weekday digest for Customer Service: what needs a person today. */
export function staffDigestLetter(items: DigestItem[], agency: Pick<Agency, 'customerServiceEmail'> & LetterAgency): RenderedEmail {
  const count = items.length;
  return render({
    to: [agency.customerServiceEmail],
    readerCountry: agencyCountry(agency),
    subject: `${count} placement${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} attention today`,
    greeting: 'Good morning,',
    blocks: [
      'These placements need a person today:',
      {
        list: items.map(
          ({ placement, why }) => `${placement.candidate.name} for ${placement.client.company} (${placement.status}, placement ${placement.id}): ${why}`,
        ),
      },
      'Each placement’s history in the staff API shows what happened so far.',
    ],
    signOff: staffSignOff,
  }, agency);
}

const caseOpenings: Record<MentorCaseReason, { subject: string; opened: (client: Placement['client'], ve: string) => string }> = {
  TALK_TO_US: { subject: 'Talk to us', opened: (client, ve) => `${client.name} (${client.company}) opened a case about working with ${ve}:` },
  LOW_REVIEW: { subject: 'Low review', opened: (client, ve) => `${client.name} (${client.company}) gave a low review of how it is going with ${ve}:` },
  CLIENT_QUIET: {
    subject: 'Client quiet',
    opened: (client, ve) => `${client.name} (${client.company}) has gone quiet: the recent check-ins about ${ve} went unanswered.`,
  },
};

/**
 * A mentor case for the mentor team, saying why it opened (the client wrote, a low review, the client has
 * gone quiet); the mentors answer the client directly by replying.
 */
export function mentorCaseLetter(
  placement: Placement,
  caseId: string,
  message: string,
  agency: Pick<Agency, 'mentorTeamEmail'> & LetterAgency,
  reason: MentorCaseReason = 'TALK_TO_US',
): RenderedEmail {
  const { client, candidate } = placement;
  const opening = caseOpenings[reason];
  return render({
    to: [agency.mentorTeamEmail],
    readerCountry: agencyCountry(agency),
    replyTo: client.email,
    subject: `${opening.subject}: ${client.company} about ${candidate.name} (case ${caseId})`,
    greeting: 'Hello mentors,',
    blocks: [
      opening.opened(client, candidate.name),
      message,
      { list: [`Client: ${client.email}`, `VE: ${candidate.name}, ${candidate.email}`, `Placement: ${placement.id}`, `Case: ${caseId}`] },
      `Please acknowledge it within ${acknowledgementWorkingDays} working days (POST /cases/${caseId}/acknowledge); after that it is in the staff digest.`,
      'Reply to this email to answer the client directly.',
    ],
    signOff: staffSignOff,
  }, agency);
}

/** What the client still has to do before the week can start, in words for staff. */
function outstandingPaperwork(placement: Placement): string[] {
  const contract = placement.contract?.status;
  const reserve = placement.reserve?.status;
  return [
    ...(contract === 'SIGNED' ? [] : [contract === undefined ? 'the contract (not sent yet)' : `the contract (DocuSign envelope ${contract.toLowerCase()}, not signed)`]),
    ...(reserve === 'FUNDED'
      ? []
      : [reserve === 'PAYMENT_FAILED' ? 'the billing reserve (the last payment failed)' : 'the billing reserve (not funded)']),
  ];
}

/** For Customer Service: the last reminder went unanswered; a person should call the client. */
export function paperworkEscalationLetter(placement: Placement, agency: Agency, writtenAt?: Instant): RenderedEmail {
  const outstanding = outstandingPaperwork(placement);
  const { client } = placement;
  return render({
    to: [agency.customerServiceEmail],
    readerCountry: agencyCountry(agency),
    subject: `[Placement ${placement.id}] Paperwork still outstanding after the last reminder: ${client.company}`,
    greeting: 'Hello Customer Service,',
    blocks: [
      outstanding.length === 0
        ? `${client.name} of ${client.company} was escalated after the last reminder, but the paperwork now looks complete; please check before calling.`
        : `${client.name} of ${client.company} has not completed the paperwork for ${placement.candidate.name} after the last reminder. Still outstanding: ${outstanding.join(' and ')}. Please reach out to the client.`,
      { list: placementFacts(placement) },
      weekLost(placement, writtenAt)
        ? `The planned week missed its cutoff (its first session, ${inReaderTime(placement.timeline.weekStartsAt, agency.agencyTimezone)}): once the paperwork is complete, the certification week moves to the first Monday after it is, and the client is told the new dates.`
        : `If the paperwork is not complete before the week's first session, ${inReaderTime(placement.timeline.weekStartsAt, agency.agencyTimezone)}, the certification week moves to the first Monday after it is, and the client is told the new dates.`,
      `Times are ${agency.agencyTimezone}. The placement's history in the staff API shows every reminder sent.`,
    ],
    signOff: staffSignOff,
  }, agency);
}

// --- The certification week and the exam. ---

/** The Monday–Friday programme, each moment in the reader's time zone. */
function weekProgramme(placement: Placement, zone: string): string[] {
  const { sessionsAt, examAt } = placement.timeline;
  const topics = [
    'Industry background',
    `${placement.client.company}'s company background`,
    'Soft-skills mentoring',
    'Soft-skills mentoring',
  ];
  return [
    ...sessionsAt.map((at, day) => `${topics[day] ?? 'Session'}: ${inReaderTime(at, zone)}`),
    `Certification exam: ${inReaderTime(examAt, zone)}`,
  ];
}

const movedWeek = (placement: Placement, rescheduledFrom: string) =>
  `Because the paperwork was completed after the cutoff, the certification week has moved from the week of ${calendarDay(rescheduledFrom)} to the week of ${calendarDay(placement.timeline.certificationWeek)}.`;

/** The first working day as the VE reads it: the client's 09:00, in agency time too. */
function veStartLine(placement: Placement, agency: Pick<Agency, 'agencyTimezone'>, lead: string): string {
  const { startDate, startsAt } = placement.timeline;
  const clientZone = placement.client.timezone;
  return `${lead} ${calendarDay(startDate)}, at ${clockTime(startsAt, clientZone)} in ${firstName(placement.client.name)}'s time zone, ${zoneName(startsAt, clientZone)}. In agency time that is ${inReaderTime(startsAt, agency.agencyTimezone)}.`;
}

const mentorLine = (agency: Pick<Agency, 'mentorTeamEmail'>) =>
  `Questions about the week? Write to our mentor team at ${agency.mentorTeamEmail}.`;

/** The week is fixed: the schedule for the client (their time) or the VE (agency time), with new dates if it moved. */
export function weekScheduleLetter(placement: Placement, agency: Agency, audience: 'client' | 've'): RenderedEmail {
  const ve = placement.candidate.name;
  const veFirst = firstName(ve);
  const { company } = placement.client;
  const { certificationWeek, rescheduledFrom, resultsDueAt, startsAt } = placement.timeline;
  const week = calendarDay(certificationWeek);

  if (audience === 've') {
    const zone = agency.agencyTimezone;
    return render({
      to: [placement.candidate.email],
      readerCountry: veCountry(placement),
      subject: `Your certification week for ${company}: week of ${week}`,
      greeting: `Dear ${veFirst},`,
      blocks: [
        `Congratulations on being selected by ${placement.client.name} of ${company}. Your one-week certification runs the week of ${week}.`,
        ...(rescheduledFrom === undefined ? [] : [movedWeek(placement, rescheduledFrom)]),
        ...holidayWeekLines(placement),
        { heading: 'Your week' },
        { list: weekProgramme(placement, zone) },
        { heading: 'After the exam' },
        `The result comes the same day, by ${inReaderTime(resultsDueAt, zone)}.`,
        veStartLine(placement, agency, `If you pass, your first working day with ${firstName(placement.client.name)} is`),
        ...holidayStartLines(placement, 'you'),
        `All times above are agency time (${zone}).`,
        mentorLine(agency),
      ],
    }, agency);
  }

  const zone = placement.client.timezone;
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.customerServiceEmail,
    subject:
      rescheduledFrom === undefined
        ? `${ve}'s certification week: week of ${week}`
        : `New dates: ${ve}'s certification moves to the week of ${week}`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      rescheduledFrom === undefined
        ? `Everything is in place: ${veFirst}'s certification runs the week of ${week}. Here is the week, in your time zone.`
        : `${movedWeek(placement, rescheduledFrom)} Here are the new dates, in your time zone.`,
      ...holidayWeekLines(placement),
      { heading: 'The week' },
      { list: weekProgramme(placement, zone) },
      { heading: 'After the exam' },
      `The exam is graded the same day, and we write to you with the result by ${inReaderTime(resultsDueAt, zone)}.`,
      `If ${veFirst} passes, ${veFirst} starts working with you on ${inReaderTime(startsAt, zone)}.`,
      ...holidayStartLines(placement, veFirst),
      `All times above are in your time zone (${zone}).`,
      customerServiceLine(agency),
    ],
  }, agency);
}

/** The route a proctor records the score with, on the agency's public address. */
const examResultBlocks = (placement: Placement, agency: Pick<Agency, 'publicBaseUrl'>): Block[] => [
  {
    list: [
      `POST ${agency.publicBaseUrl}/placements/${placement.id}/exam-result`,
      'Body: {"score": <0 to 100>, "notes": "<optional>"}',
      `Placement: ${placement.id}`,
    ],
  },
];

/** Friday morning, to the proctors: today's exam and when its score is due. */
export function examDayLetter(placement: Placement, agency: Agency): RenderedEmail {
  const zone = agency.agencyTimezone;
  const { examAt, resultsDueAt } = placement.timeline;
  return render({
    to: [agency.proctorsEmail],
    readerCountry: agencyCountry(agency),
    subject: `Exam today at ${clockTime(examAt, zone, true)}: ${placement.candidate.name} (${placement.client.company})`,
    greeting: 'Hello proctors,',
    blocks: [
      `Today's certification exam: ${placement.candidate.name} for ${placement.client.company}, on ${inReaderTime(examAt, zone)}.`,
      `Please record the score (0 to 100) by ${inReaderTime(resultsDueAt, zone)} with the staff API:`,
      ...examResultBlocks(placement, agency),
      'Once the score is recorded, the client and the VE hear the result from us.',
    ],
    signOff: staffSignOff,
  }, agency);
}

/** To the proctors when the results deadline has passed without a score. */
export function proctorReminderLetter(placement: Placement, agency: Agency): RenderedEmail {
  const zone = agency.agencyTimezone;
  return render({
    to: [agency.proctorsEmail],
    readerCountry: agencyCountry(agency),
    subject: `Past due: exam result for ${placement.candidate.name} (${placement.client.company})`,
    greeting: 'Hello proctors,',
    blocks: [
      `The exam result for ${placement.candidate.name} (${placement.client.company}) is past due: it was due ${inReaderTime(placement.timeline.resultsDueAt, zone)}, and the client is waiting to hear. Please record it now.`,
      ...examResultBlocks(placement, agency),
      `The exam was on ${inReaderTime(placement.timeline.examAt, zone)}.`,
    ],
    signOff: staffSignOff,
  }, agency);
}

// --- The result. ---

export interface CertificateLink {
  id: string;
  verificationUrl: string;
}

const scoreWords = (placement: Placement) =>
  placement.exam === undefined ? '' : ` with a score of ${placement.exam.score} out of 100`;

/** A pass, to the client: the VE's contact details, the certificate, and a weekend before the start. */
export function certifiedClientLetter(placement: Placement, agency: Agency, certificate: CertificateLink): RenderedEmail {
  const { candidate } = placement;
  const veFirst = firstName(candidate.name);
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.customerServiceEmail,
    subject: `${candidate.name} is certified for ${placement.client.company}`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `Good news: ${candidate.name} passed the certification exam${scoreWords(placement)} and is now certified to work with ${placement.client.company}.`,
      { heading: `${veFirst}'s contact details` },
      { list: [`Name: ${candidate.name}`, `Email: ${candidate.email}`, `Phone: ${phoneForReader(candidate.phone, clientCountry(placement))}`] },
      `${veFirst}'s certificate is attached to this email as a PDF (certificate ${certificate.id}). Anyone can check that it is genuine at its verification link:`,
      { link: { label: 'Verify the certificate', url: certificate.verificationUrl } },
      { heading: 'Before Monday' },
      `Please take a moment to say "Congratulations!" to ${veFirst}, and then give ${veFirst} the weekend to rest before the start.`,
      `${veFirst} starts working with you on ${inReaderTime(placement.timeline.startsAt, placement.client.timezone)}.`,
      ...holidayStartLines(placement, veFirst),
      customerServiceLine(agency),
    ],
  }, agency);
}

/** A pass, to the VE: congratulations, the weekend, and the first working day in both time zones. */
export function certifiedVeLetter(placement: Placement, agency: Agency, certificate: CertificateLink): RenderedEmail {
  const { client } = placement;
  const clientFirst = firstName(client.name);
  return render({
    to: [placement.candidate.email],
    readerCountry: veCountry(placement),
    subject: `Congratulations! You are certified for ${client.company}`,
    greeting: `Dear ${firstName(placement.candidate.name)},`,
    blocks: [
      `Congratulations! You passed the certification exam${scoreWords(placement)} and are now certified to work with ${client.company}.`,
      `${client.name} has your contact details (email and phone) and may reach out to you before you start.`,
      'Enjoy the weekend: you have earned it.',
      veStartLine(placement, agency, `Your first working day with ${clientFirst} is`),
      ...holidayStartLines(placement, 'you'),
      `Your certificate (${certificate.id}) can be checked by anyone at its verification link:`,
      { link: { label: 'Your certificate', url: certificate.verificationUrl } },
      `Questions before you start? Write to our mentor team at ${agency.mentorTeamEmail}.`,
    ],
  }, agency);
}

/** A fail, to the client: kind and plain, what happens next, and the reserve kept. No VE contact details. */
export function notCertifiedClientLetter(placement: Placement, agency: Agency): RenderedEmail {
  const ve = placement.candidate.name;
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.customerServiceEmail,
    subject: `${ve}'s certification result`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `We are sorry to let you know that ${ve} did not pass the certification exam, so ${firstName(ve)} will not be starting with ${placement.client.company}.`,
      'Our Customer Service Team will contact you shortly to restart interviews, so that you can find the right person for your business.',
      ...(placement.reserve?.status === 'FUNDED'
        ? ['Your billing reserve stays with you: it carries over to your next placement, so there is nothing to pay again.']
        : []),
      'We know this is not the news you were hoping for, and we thank you for your patience.',
      customerServiceLine(agency),
    ],
  }, agency);
}

// --- After the start. ---

const phases = {
  I: 'Phase I: clerical and reactive tasks: your inbox, calendar, data entry and the requests that come up during the day.',
  II: 'Phase II: administrative work, both reactive and proactive: your assistant keeps things running and raises what needs doing before you ask.',
  III: 'Phase III: personal executive assistant: your assistant manages your priorities with you, protects your time and handles matters on your behalf.',
} as const;

const talkToUsLine = (placement: Placement, agency: Pick<Agency, 'mentorTeamEmail'>) =>
  `If something is not working, or you are not sure how to hand something over, talk to us: reply to this email or write to our mentor team at ${agency.mentorTeamEmail}, and a case opens with the mentors, who will help you and ${firstName(placement.candidate.name)}.`;

const talkToUsLink = (url: string | undefined) => (url === undefined ? [] : [{ link: { label: 'Talk to us', url } }]);

/** The VE's first day (status ACTIVE): three tips and the three phases of delegation. */
export function welcomeLetter(placement: Placement, agency: Agency, talkToUsUrl?: string): RenderedEmail {
  const veFirst = firstName(placement.candidate.name);
  // Replies go to the mentors, whom the letter invites to talk to; Customer Service is named by address.
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.mentorTeamEmail,
    subject: `${placement.candidate.name} starts today: three tips for a great start`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `Today is ${veFirst}'s first day with ${placement.client.company}. Welcome! Three tips make the first weeks go well.`,
      { heading: '1. Communicate regularly' },
      `A short daily check-in, ten minutes is enough, keeps you both in step: what is done, what is next, what is in the way.`,
      { heading: '2. Share your expectations' },
      `Tell ${veFirst} your priorities and how you like to work: how you want updates, which tools you use, what can wait and what cannot.`,
      { heading: '3. Talk to us' },
      talkToUsLine(placement, agency),
      ...talkToUsLink(talkToUsUrl),
      { heading: 'Three phases of delegation' },
      `The relationship grows in three phases. Most start in Phase I and move on as trust builds:`,
      { list: [phases.I, phases.II, phases.III] },
      'We will check in with you along the way and suggest when it may be time for the next phase.',
      `Can't find something, or have a question? Our Customer Service Team is at ${agency.customerServiceEmail}.`,
    ],
  }, agency);
}

/** How long since the start, as the letter says it: "a week", "2 weeks", "a month", "3 months". */
export function sinceStart(weeks: number): string {
  if (weeks <= 1) return 'a week';
  if (weeks < 4 || weeks % 4 !== 0) return `${weeks} weeks`;
  return weeks === 4 ? 'a month' : `${weeks / 4} months`;
}

/** What a check-in letter links to: one link per answer, "Talk to us", and the offered phase, if any. */
export interface CheckInLinks {
  checkInAnswerUrl: (checkIn: number, answer: ReviewAnswer) => string;
  talkToUsUrl: string;
  phaseUrl: (phase: RelationshipPhase) => string;
}

const answerButtons: [ReviewAnswer, string][] = [
  ['great', 'Very well'],
  ['good', 'Well'],
  ['mixed', 'Could be better'],
  ['trouble', "We're having trouble"],
];

/**
 * A check-in on the client's Monday morning: "How is it going?" with one-click answers, the agency's
 * three tips, and the next phase when the reviews suggest it. Replies go to the mentor team.
 */
export function checkInLetter(
  placement: Placement,
  agency: Agency,
  checkIn: { number: number; weeksAfterStart: number },
  links: CheckInLinks,
): RenderedEmail {
  const veFirst = firstName(placement.candidate.name);
  const relationship = placement.relationship;
  const offered = relationship?.suggestedPhase;
  const phaseNow = relationship?.phase ?? 'I';
  return render({
    to: [placement.client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.mentorTeamEmail,
    subject: `How is it going with ${placement.candidate.name}?`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `It has been ${sinceStart(checkIn.weeksAfterStart)} since ${veFirst} started with ${placement.client.company}. How is it going with ${placement.candidate.name}? One click tells us:`,
      ...answerButtons.map(([answer, label]) => ({ link: { label, url: links.checkInAnswerUrl(checkIn.number, answer) } })),
      'You can add a comment on the page that opens. If anything is not going well, a mentor will be in touch.',
      { heading: 'Communicate regularly' },
      `A short daily check-in with ${veFirst} keeps you both in step: what is done, what is next, what is in the way.`,
      { heading: 'Share your expectations' },
      `You are in ${phases[phaseNow].split(':')[0]}. Tell ${veFirst} what you would like to hand over next and how you like it done.`,
      ...(offered === undefined
        ? []
        : [
            { heading: `Ready for Phase ${offered.phase}?` },
            `Your last answers say it is going well, so ${veFirst} may be ready for more. ${phases[offered.phase]}`,
            { link: { label: `Move to Phase ${offered.phase}`, url: links.phaseUrl(offered.phase) } },
          ]),
      { heading: 'Talk to us' },
      `The earlier you make us aware of a potential issue, the better chance we have of helping turn it around. Reply to this email to reach our mentor team, or use the link below.`,
      ...talkToUsLink(links.talkToUsUrl),
      `For anything else, our Customer Service Team is at ${agency.customerServiceEmail}.`,
    ],
  }, agency);
}
