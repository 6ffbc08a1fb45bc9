import type { AgencyConfig } from '../domain/agency-config';
import type { Placement } from '../domain/placement';
import { calendarDay, inReaderTime, render, type RenderedEmail } from './layout';

/** The letters the agency sends, each a typed function of the placement and what the moment adds. */

type Agency = Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone'>;

export interface OnboardingLinks {
  signingUrl: string;
  paymentUrl: string;
}

const firstName = (fullName: string) => fullName.trim().split(/\s+/)[0] ?? fullName;

const customerServiceLine = (agency: Agency) =>
  `Can't find something, or have a question? Ask our Customer Service Team at ${agency.customerServiceEmail}; just reply to this email.`;

/** The day after the interview: sign the contract, fund the reserve, and what the week will look like. */
export function onboardingLinksLetter(placement: Placement, links: OnboardingLinks, agency: Agency, resent = false): RenderedEmail {
  const ve = placement.candidate.name;
  const zone = placement.client.timezone;
  const reserveDone = placement.reserve?.status === 'FUNDED';
  return render({
    subject: `${resent ? 'Again: ' : ''}Next steps to certify ${ve} for ${placement.client.company}`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `Thank you for selecting ${ve}. Before ${firstName(ve)} starts the one-week certification for ${placement.client.company}, two things need your attention.`,
      { heading: '1. Sign the contract' },
      'The contract is ready for your signature through DocuSign.',
      { link: { label: 'Review and sign the contract', url: links.signingUrl } },
      { heading: '2. Fund the billing reserve' },
      reserveDone
        ? 'Your billing reserve is already in place from your earlier placement, so there is nothing to pay this time.'
        : 'The billing reserve secures the placement; it is held against your first invoices.',
      ...(reserveDone ? [] : [{ link: { label: 'Fund the billing reserve', url: links.paymentUrl } }]),
      { heading: 'The certification week' },
      `With both done before ${inReaderTime(placement.timeline.weekStartsAt, zone)}, ${firstName(ve)}'s certification runs the week of ${calendarDay(placement.timeline.certificationWeek)}: industry background, your company's background and soft-skills mentoring from Monday to Thursday, and the certification exam on Friday afternoon.`,
      customerServiceLine(agency),
    ],
  });
}

/** A reminder of the same two links, kinder each time; the last one says Customer Service will call. */
export function paperworkReminderLetter(
  placement: Placement,
  links: OnboardingLinks,
  agency: Agency,
  reminder: { number: number; of: number },
): RenderedEmail {
  const ve = placement.candidate.name;
  const outstanding = [
    ...(placement.contract?.status === 'SIGNED' ? [] : ['sign the contract']),
    ...(placement.reserve?.status === 'FUNDED' ? [] : ['fund the billing reserve']),
  ];
  const last = reminder.number === reminder.of;
  return render({
    subject: `Reminder: ${outstanding.join(' and ')} for ${ve}`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `A friendly reminder: to keep ${firstName(ve)}'s certification on the week of ${calendarDay(placement.timeline.certificationWeek)}, please ${outstanding.join(' and ')} before ${inReaderTime(placement.timeline.weekStartsAt, placement.client.timezone)}.`,
      ...(placement.contract?.status === 'SIGNED' ? [] : [{ link: { label: 'Review and sign the contract', url: links.signingUrl } }]),
      ...(placement.reserve?.status === 'FUNDED' ? [] : [{ link: { label: 'Fund the billing reserve', url: links.paymentUrl } }]),
      last
        ? `If the links are not working for you, our Customer Service Team will be in touch shortly, and you can reach them any time at ${agency.customerServiceEmail}.`
        : customerServiceLine(agency),
    ],
  });
}

/** The billing provider could not collect the reserve: say so plainly and offer the link again. */
export function reservePaymentFailedLetter(placement: Placement, paymentUrl: string | undefined, agency: Agency): RenderedEmail {
  return render({
    subject: `Your billing reserve payment for ${placement.candidate.name} did not go through`,
    greeting: `Dear ${firstName(placement.client.name)},`,
    blocks: [
      `Your bank or card provider did not complete the billing reserve payment for ${placement.candidate.name}'s placement. Nothing was charged.`,
      ...(paymentUrl === undefined ? [] : [{ link: { label: 'Try the payment again', url: paymentUrl } }]),
      `The reserve is needed before ${inReaderTime(placement.timeline.weekStartsAt, placement.client.timezone)} to keep the certification week of ${calendarDay(placement.timeline.certificationWeek)}.`,
      customerServiceLine(agency),
    ],
  });
}

/** For Customer Service: a placement that needs a person. */
export function customerServiceNoticeLetter(placement: Placement, what: string, agency: Agency): RenderedEmail {
  return render({
    subject: `[Placement ${placement.id}] ${what}`,
    greeting: 'Hello Customer Service,',
    blocks: [
      what,
      {
        list: [
          `Client: ${placement.client.name}, ${placement.client.company} (${placement.client.email})`,
          `VE: ${placement.candidate.name}`,
          `Status: ${placement.status}`,
          `Certification week: ${calendarDay(placement.timeline.certificationWeek)}`,
          `Placement: ${placement.id}`,
        ],
      },
      `Times are ${agency.agencyTimezone}. The placement's history in the staff API shows every step so far.`,
    ],
    signOff: 'VE Certification',
  });
}
