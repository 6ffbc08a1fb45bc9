import { describe, expect, it } from 'vitest';
import { loadAgencyConfig } from '../../../functions/domain/agency-config';
import type { Placement } from '../../../functions/domain/schemas';
import { caseClosedClientLetter } from '../../../functions/emails/case-letters';
import {
  certifiedClientLetter,
  certifiedVeLetter,
  customerServiceNoticeLetter,
  onboardingLinksLetter,
  weekScheduleLetter,
} from '../../../functions/emails/letters';
import { reserveReversedNoticeLetter } from '../../../functions/emails/reserve-letters';
import { agencyEnv, config, newPlacement } from '../../support/domain-fixtures';

const links = { signingUrl: 'https://sign.example/e/1', paymentUrl: 'https://pay.example/c/1' };
const certificate = { id: 'CERT-42', verificationUrl: 'https://certify.agency.example/certificates/CERT-42' };

/** An agency configured as a deployment would be, through its environment. */
const agency = (env: Record<string, string> = {}) =>
  loadAgencyConfig({
    ...agencyEnv,
    AGENCY_NAME: 'Northwind & Partners Staffing',
    AGENCY_PHONE: '+1 312 555 0199',
    AGENCY_WEBSITE: 'https://www.northwind.example/',
    AGENCY_POSTAL_ADDRESS: '1 Main St, Springfield, IL 62701, USA',
    AGENCY_BRAND_COLOUR: '#7A1F5C',
    ...env,
  });

const clientIn = (timezone: string): Placement => newPlacement('pl-brand', {
  client: { name: 'Alex Client', email: 'alex@client.example', company: 'Client Co', timezone },
});

describe('the agency’s header and footer', () => {
  const northwind = agency();
  const placement = clientIn('America/Chicago');

  it.each([
    ['onboarding links (client)', onboardingLinksLetter(placement, links, northwind)],
    ['reserve refunded (Customer Service)', reserveReversedNoticeLetter(placement, { kind: 'refund', paymentIntentId: 'pi_1', chargeId: 'ch_1', amountMinor: 150_000, fullyRefunded: true }, northwind)],
    ['case closed (client)', caseClosedClientLetter(placement, { id: 'CASE-1', reason: 'TALK_TO_US' }, { by: 'Sam Mentor', text: 'Sorted.' }, northwind)],
  ])('%s names the configured agency, escaped in HTML, plain in text', (_name, email) => {
    expect(email.text.startsWith('Northwind & Partners Staffing\n\n')).toBe(true);
    expect(email.text).toContain('\n-- \nNorthwind & Partners Staffing\n(312) 555-0199 · www.northwind.example\n1 Main St, Springfield, IL 62701, USA\n');
    expect(email.html).toContain('alt="Northwind &amp; Partners Staffing"');
    expect(email.html).toContain('<strong>Northwind &amp; Partners Staffing</strong>');
    expect(email.html).toContain('<a href="tel:+13125550199"');
    expect(email.html).not.toContain('Northwind & Partners');
  });

  it('draws the bar and the buttons in the brand colour, not a colour of its own', () => {
    const { html } = onboardingLinksLetter(placement, links, northwind);

    expect(html).toContain('border-top:6px solid #7a1f5c');
    expect(html).toContain('background:#7a1f5c;color:#ffffff');
    expect(html).not.toContain('#1f5f8b');
  });

  it('darkens a pale brand colour on the buttons so that their white label stays readable', () => {
    const { html } = onboardingLinksLetter(placement, links, agency({ AGENCY_BRAND_COLOUR: '#ffe680' }));

    expect(html).toContain('border-top:6px solid #ffe680');
    expect(html).not.toContain('background:#ffe680');
    expect(html).toMatch(/background:#[0-9a-f]{6};color:#ffffff/);
  });

  it('shows the bundled logo from the public address, or the configured one', () => {
    expect(onboardingLinksLetter(placement, links, northwind).html).toContain('src="https://certify.agency.example/assets/logo.svg"');
    const own = onboardingLinksLetter(placement, links, agency({ AGENCY_LOGO_URL: 'https://cdn.northwind.example/logo.png' }));
    expect(own.html).toContain('<img src="https://cdn.northwind.example/logo.png" alt="Northwind &amp; Partners Staffing"');
  });
});

describe('the agency’s phone number, as the reader dials it', () => {
  const northwind = agency();

  it('is in national form for a client in the agency’s country', () => {
    expect(onboardingLinksLetter(clientIn('America/Los_Angeles'), links, northwind).text).toContain('\n(312) 555-0199 · ');
  });

  it.each(['Europe/London', 'Asia/Manila', 'UTC'])('is in international form for a client in %s', (timezone) => {
    const { text, html } = onboardingLinksLetter(clientIn(timezone), links, northwind);

    expect(text).toContain('\n+1 312 555 0199 · ');
    expect(html).toContain('>+1 312 555 0199</a>');
  });

  it('is in international form for a VE abroad, and national for the agency’s own staff', () => {
    const placement = clientIn('America/Chicago');

    expect(weekScheduleLetter(placement, northwind, 've').text).toContain('\n+1 312 555 0199 · ');
    expect(customerServiceNoticeLetter(placement, 'The contract was declined.', northwind).text).toContain('\n(312) 555-0199 · ');
  });
});

describe('the VE’s phone number in the certified letter', () => {
  it('is in international form for a client abroad', () => {
    const { text } = certifiedClientLetter(clientIn('America/New_York'), config, certificate);

    expect(text).toContain('Phone: +63 917 555 0100');
  });

  it('is in national form for a client in the VE’s country', () => {
    const { text } = certifiedClientLetter(clientIn('Asia/Manila'), config, certificate);

    expect(text).toContain('Phone: 0917 555 0100');
  });

  it('gives the VE the agency’s number in international form when the VE is abroad', () => {
    const { text } = certifiedVeLetter(clientIn('America/New_York'), config, certificate);

    expect(text).toContain('\n+1 312 555 0100 · ');
  });
});

describe('the reserve in the onboarding letter', () => {
  it('names the amount as people write it', () => {
    const { text, html } = onboardingLinksLetter(clientIn('America/Chicago'), links, config);

    expect(text).toContain('The billing reserve of $1,500.00 is a one-time payment');
    expect(html).toContain('The billing reserve of $1,500.00 is a one-time payment');
  });

  it.each([
    { RESERVE_AMOUNT: '250000', RESERVE_CURRENCY: 'eur', shown: '€2,500.00' },
    { RESERVE_AMOUNT: '150000', RESERVE_CURRENCY: 'jpy', shown: '¥150,000' },
  ])('names $shown for a reserve of $RESERVE_AMOUNT $RESERVE_CURRENCY', ({ shown, ...env }) => {
    expect(onboardingLinksLetter(clientIn('Europe/Berlin'), links, agency(env)).text).toContain(`The billing reserve of ${shown} `);
  });

  it('names no amount when the reserve carried over and there is nothing to pay', () => {
    const carriedOver: Placement = { ...clientIn('America/Chicago'), reserve: { status: 'FUNDED', fundedAt: '2025-06-01T15:00:00Z' } };

    const { text } = onboardingLinksLetter(carriedOver, links, config);

    expect(text).toContain('nothing to pay this time');
    expect(text).not.toContain('$1,500.00');
  });
});
