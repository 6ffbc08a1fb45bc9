import type { AgencyConfig } from '../domain/agency-config';
import type { CheckoutPayment, Placement, ReserveReversal } from '../domain/placement';
import { formatMoney } from './format';
import { agencyCountry, calendarDay, render, type LetterAgency, type RenderedEmail } from './layout';

/** Customer Service's notices about the reserve's money: a payment that was not the reserve, a refund, a dispute. */

type ReserveAgency = Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone' | 'reserveAmountMinor' | 'reserveCurrency'> & LetterAgency;

const staffSignOff = 'VE Certification';

const reservePrice = (agency: ReserveAgency) => formatMoney(agency.reserveAmountMinor, agency.reserveCurrency);

const placementFacts = (placement: Placement): string[] => [
  `Client: ${placement.client.name}, ${placement.client.company} (${placement.client.email})`,
  `VE: ${placement.candidate.name}`,
  `Status: ${placement.status}`,
  `Certification week: ${calendarDay(placement.timeline.certificationWeek)}`,
  `Placement: ${placement.id}`,
];

function notice(placement: Placement, agency: ReserveAgency, subject: string, blocks: (string | { list: string[] })[]): RenderedEmail {
  return render({
    to: [agency.customerServiceEmail],
    readerCountry: agencyCountry(agency),
    subject: `[Placement ${placement.id}] ${subject}: ${placement.client.company}`,
    greeting: 'Hello Customer Service,',
    blocks: [
      ...blocks,
      { list: placementFacts(placement) },
      `Times are ${agency.agencyTimezone}. The placement's history in the staff API records the provider's event.`,
    ],
    signOff: staffSignOff,
  }, agency);
}

/** A paid checkout that is not this placement's reserve: nothing changed, but someone paid something. */
export function reservePaymentRefusedNoticeLetter(
  placement: Placement,
  payment: CheckoutPayment,
  reason: string,
  agency: ReserveAgency,
): RenderedEmail {
  const amount =
    payment.amountMinor === undefined || payment.currency === undefined ? 'not stated' : formatMoney(payment.amountMinor, payment.currency);
  return notice(placement, agency, 'A payment was not taken as the billing reserve', [
    `The billing provider reports a paid checkout for ${placement.candidate.name}'s placement with ${placement.client.company}, but it was not taken as the billing reserve. ${reason}`,
    'The placement and its reserve are unchanged. Please check the payment in the billing provider: it may need refunding, or the client a word.',
    {
      list: [
        `Checkout session: ${payment.checkoutSessionId}`,
        `Mode: ${payment.mode ?? 'not stated'}`,
        `Amount paid: ${amount}`,
        `The reserve: ${reservePrice(agency)}, one-time payment`,
      ],
    },
  ]);
}

/** The reserve's payment was refunded or disputed: the placement is flagged and its reserve carries over no more. */
export function reserveReversedNoticeLetter(placement: Placement, reversal: ReserveReversal, agency: ReserveAgency): RenderedEmail {
  const amount = formatMoney(reversal.amountMinor, reversal.currency ?? agency.reserveCurrency);
  const consequence =
    "The placement is flagged for attention; its status is unchanged, and this reserve will not carry over to the client's next placement.";
  if (reversal.kind === 'refund') {
    return notice(placement, agency, 'The billing reserve payment was refunded', [
      `The billing provider reports that ${reversal.fullyRefunded ? 'the' : 'part of the'} billing reserve payment for ${placement.candidate.name}'s placement with ${placement.client.company} was refunded: ${amount} refunded in all.`,
      consequence,
      { list: [`Payment: ${reversal.paymentIntentId}`, `Charge: ${reversal.chargeId}`, `The reserve: ${reservePrice(agency)}`] },
    ]);
  }
  return notice(placement, agency, 'The billing reserve payment is disputed', [
    `${placement.client.name} of ${placement.client.company} disputed the billing reserve payment for ${placement.candidate.name}'s placement with their bank: ${amount}${reversal.reason === undefined ? '' : `, reason given: ${reversal.reason}`}.`,
    `${consequence} Please answer the dispute in the billing provider before its deadline.`,
    { list: [`Payment: ${reversal.paymentIntentId}`, `Dispute: ${reversal.disputeId}`, `The reserve: ${reservePrice(agency)}`] },
  ]);
}
