import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Money, phone numbers and the brand colour as the reader needs them; the letters and the certificate share these. */

/** An amount in a currency's minor units as people write it, e.g. $1,500.00, €1,500.00, ¥150,000; a code the runtime does not know is shown as given. */
export function formatMoney(amountMinor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
    // The minor unit differs by currency: cents for USD, none for JPY, fils (1/1000) for KWD.
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amountMinor / 10 ** digits);
  } catch {
    return `${amountMinor} (minor units) ${currency.toUpperCase()}`;
  }
}

/** `Intl.Locale#getTimeZones`, named `timeZones` before it became a method: the zones of a region, from the runtime's ICU data. */
type LocaleWithTimeZones = Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };

let countryByZone: Map<string, CountryCode> | undefined;

/** Every zone ICU knows a country for, built once per container (tens of milliseconds), only when a letter first asks. */
function zonesToCountries(): Map<string, CountryCode> {
  if (countryByZone !== undefined) return countryByZone;
  const built = new Map<string, CountryCode>();
  for (const country of getCountries()) {
    const locale = new Intl.Locale(`und-${country}`) as LocaleWithTimeZones;
    for (const zone of locale.getTimeZones?.() ?? locale.timeZones ?? []) built.set(zone, country);
  }
  countryByZone = built;
  return built;
}

/** The country whose clocks an IANA zone sets (America/Chicago: US); undefined for UTC and zones of no country. */
export function countryOfTimezone(timezone: string): CountryCode | undefined {
  let canonical: string;
  try {
    // ICU names a zone by its canonical id: Asia/Kolkata is listed as Asia/Calcutta, US/Central as America/Chicago.
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  const zones = zonesToCountries();
  return zones.get(timezone) ?? zones.get(canonical);
}

/** The country a phone number in international form belongs to; undefined when it cannot be told. */
export function countryOfPhone(phone: string): CountryCode | undefined {
  return parsePhoneNumberFromString(phone)?.country;
}

/**
 * A phone number as its reader dials it: national form for a reader in the number's own country
 * ("(312) 555-0100"), international form for anyone else or a reader of unknown country
 * ("+1 312 555 0100"). A number that cannot be parsed is shown as given.
 */
export function phoneForReader(phone: string, readerCountry: string | undefined): string {
  const parsed = parsePhoneNumberFromString(phone);
  if (parsed === undefined || !parsed.isPossible()) return phone.trim();
  return readerCountry !== undefined && parsed.country === readerCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** The number to put behind a tel: link, e.g. +13125550100. */
export function dialable(phone: string): string {
  return parsePhoneNumberFromString(phone)?.number ?? `+${phone.replace(/\D/g, '')}`;
}

/** Relative luminance of #rrggbb (WCAG 2.x). */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5]
    .map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * A #rrggbb colour darkened step by step until it has a contrast of at least 4.5:1 with white (WCAG AA
 * for text): as ink on white, or as the background of a white label. A dark enough colour is kept as it is.
 */
export function readableOnWhite(hex: string): string {
  let colour = hex.toLowerCase();
  while (1.05 / (luminance(colour) + 0.05) < 4.5) {
    colour = `#${[1, 3, 5]
      .map((at) => Math.floor(Number.parseInt(colour.slice(at, at + 2), 16) * 0.9).toString(16).padStart(2, '0'))
      .join('')}`;
  }
  return colour;
}
