import { describe, expect, it } from 'vitest';
import { countryOfPhone, countryOfTimezone, dialable, formatMoney, phoneForReader, readableOnWhite } from '../../../functions/emails/format';

describe('money as people write it', () => {
  it.each([
    { amountMinor: 150_000, currency: 'usd', shown: '$1,500.00' },
    { amountMinor: 150_000, currency: 'eur', shown: '€1,500.00' },
    { amountMinor: 150_000, currency: 'gbp', shown: '£1,500.00' },
    { amountMinor: 99, currency: 'usd', shown: '$0.99' },
    // The yen has no minor unit: 150000 is ¥150,000; the Kuwaiti dinar has three decimals.
    { amountMinor: 150_000, currency: 'jpy', shown: '¥150,000' },
    { amountMinor: 150_000, currency: 'kwd', shown: 'KWD 150.000' },
    { amountMinor: 150_000, currency: 'cad', shown: 'CA$1,500.00' },
  ])('$amountMinor minor units of $currency reads $shown', ({ amountMinor, currency, shown }) => {
    expect(formatMoney(amountMinor, currency).replace(/\u00a0/g, ' ')).toBe(shown);
  });

  it('shows a currency the runtime does not know as given, not as a wrong symbol', () => {
    expect(formatMoney(150_000, 'zz1')).toBe('150000 (minor units) ZZ1');
  });
});

describe('the country a reader is in', () => {
  it.each([
    { timezone: 'America/Chicago', country: 'US' },
    { timezone: 'America/Toronto', country: 'CA' },
    { timezone: 'Europe/London', country: 'GB' },
    { timezone: 'Europe/Zurich', country: 'CH' },
    { timezone: 'Asia/Manila', country: 'PH' },
    { timezone: 'Asia/Calcutta', country: 'IN' },
    { timezone: 'Asia/Kolkata', country: 'IN' },
    { timezone: 'Europe/Kyiv', country: 'UA' },
    { timezone: 'US/Central', country: 'US' },
    { timezone: 'America/Argentina/Buenos_Aires', country: 'AR' },
  ])('a client in $timezone is in $country', ({ timezone, country }) => {
    expect(countryOfTimezone(timezone)).toBe(country);
  });

  it.each(['UTC', 'Etc/GMT+5', 'Antarctica/Troll', 'Not/A_Zone'])('a client on %s is in no country we can tell', (timezone) => {
    expect(countryOfTimezone(timezone)).toBeUndefined();
  });

  it('a VE’s phone number tells their country', () => {
    expect(countryOfPhone('+63 917 555 0142')).toBe('PH');
    expect(countryOfPhone('0917 555 0142')).toBeUndefined();
  });
});

describe('phone numbers for the reader', () => {
  it('are in national form for a reader in the same country', () => {
    expect(phoneForReader('+1 312 555 0100', 'US')).toBe('(312) 555-0100');
    expect(phoneForReader('+44 20 7946 0958', 'GB')).toBe('020 7946 0958');
    expect(phoneForReader('+63 917 555 0142', 'PH')).toBe('0917 555 0142');
  });

  it('are in international form for a reader in another country, or of unknown country', () => {
    expect(phoneForReader('+1 312 555 0100', 'GB')).toBe('+1 312 555 0100');
    expect(phoneForReader('+13125550100', undefined)).toBe('+1 312 555 0100');
    expect(phoneForReader('+63-917-555-0142', 'US')).toBe('+63 917 555 0142');
  });

  it('keep a number they cannot read as it was given', () => {
    expect(phoneForReader(' 555 0100 ext 12 ', 'US')).toBe('555 0100 ext 12');
  });

  it('dial with the digits only', () => {
    expect(dialable('+1 (312) 555-0100')).toBe('+13125550100');
  });
});

describe('the brand colour where it must be read', () => {
  const contrastWithWhite = (hex: string) => {
    const [r = 0, g = 0, b = 0] = [1, 3, 5]
      .map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
  };

  it('keeps a colour dark enough already', () => {
    expect(readableOnWhite('#1F5F8B')).toBe('#1f5f8b');
    expect(readableOnWhite('#000000')).toBe('#000000');
  });

  it.each(['#ffe680', '#ffffff', '#7fdbff', '#2ecc40'])('darkens %s until it reads on white', (pale) => {
    const readable = readableOnWhite(pale);

    expect(contrastWithWhite(pale)).toBeLessThan(4.5);
    expect(contrastWithWhite(readable)).toBeGreaterThanOrEqual(4.5);
    // Darkened, not replaced: still the brand, not black.
    expect(readable).not.toBe('#000000');
  });
});
