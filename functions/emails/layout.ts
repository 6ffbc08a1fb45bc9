import { DateTime } from 'luxon';
import type { AgencyConfig } from '../domain/agency-config';
import type { Placement } from '../domain/placement';
import { countryOfPhone, countryOfTimezone, dialable, phoneForReader, readableOnWhite } from './format';

/** A paragraph, a call-to-action link, or a short list: enough for every letter the agency sends. */
export type Block = string | { link: { label: string; url: string } } | { list: string[] } | { heading: string };

export interface Letter {
  /** Who the letter is for: every letter knows its readers. */
  to: string[];
  /** Where a reply goes, when not to the sender (a mentor case: the client). */
  replyTo?: string;
  subject: string;
  greeting: string;
  blocks: Block[];
  signOff?: string;
  /** The reader's country (ISO 3166 alpha-2), so phone numbers read as they dial them; unknown: international form. */
  readerCountry?: string;
}

export interface RenderedEmail {
  to: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const defaultSignOff = 'Warm regards,\nThe Certification Team';

/** What every letter shows of the agency: its brand in the header and footer, the bundled logo's public address. */
export type LetterAgency = Pick<AgencyConfig, 'branding' | 'publicBaseUrl'>;

/** Where the client is, as their time zone tells it. */
export const clientCountry = (placement: Placement) => countryOfTimezone(placement.client.timezone);
/** Where the VE is, as their phone number tells it. */
export const veCountry = (placement: Placement) => countryOfPhone(placement.candidate.phone);
/** Where the agency's own staff are: the agency's phone's country. */
export const agencyCountry = (agency: LetterAgency) => countryOfPhone(agency.branding.phone);

/** The agency's website as people read it: no scheme, no trailing slash. */
const websiteShown = (website: string) => website.replace(/^https?:\/\//, '').replace(/\/+$/, '');

/** One letter, two bodies: plain text for every client, HTML for those who read it; both carry the agency's header and footer. */
export function render(letter: Letter, agency: LetterAgency): RenderedEmail {
  const { branding } = agency;
  // Buttons carry white labels and the name sits on white: a pale brand is darkened for both.
  const brand = readableOnWhite(branding.brandColour);
  const logoUrl = branding.logoUrl ?? `${agency.publicBaseUrl}/assets/logo.svg`;
  const phone = phoneForReader(branding.phone, letter.readerCountry);
  const signOff = letter.signOff ?? defaultSignOff;
  const textBlocks = letter.blocks.map((block) => {
    if (typeof block === 'string') return block;
    if ('link' in block) return `${block.link.label}:\n${block.link.url}`;
    if ('heading' in block) return block.heading.toUpperCase();
    return block.list.map((item) => `  • ${item}`).join('\n');
  });
  const htmlBlocks = letter.blocks.map((block) => {
    if (typeof block === 'string') return `<p>${escapeHtml(block)}</p>`;
    if ('link' in block) {
      return `<p><a href="${escapeHtml(block.link.url)}" style="display:inline-block;padding:10px 18px;background:${brand};color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.link.label)}</a></p>`;
    }
    if ('heading' in block) return `<h3 style="margin:20px 0 8px">${escapeHtml(block.heading)}</h3>`;
    return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  });
  // "-- " on its own line is where mail clients know a signature starts.
  const textFooter = ['-- ', branding.name, `${phone} · ${websiteShown(branding.website)}`, branding.postalAddress].join('\n');
  const text = [branding.name, letter.greeting, ...textBlocks, signOff, textFooter].join('\n\n') + '\n';
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(letter.subject)}</title></head>`,
    '<body style="margin:0;padding:0;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222">',
    '<div style="max-width:620px;padding:0 16px">',
    `<div style="border-top:6px solid ${escapeHtml(branding.brandColour)};padding:16px 0 12px;border-bottom:1px solid #e2e2e2">`,
    `<img src="${escapeHtml(logoUrl)}" alt="${escapeHtml(branding.name)}" height="40" style="height:40px;vertical-align:middle;border:0">`,
    `<span style="margin-left:10px;vertical-align:middle;font-size:18px;font-weight:bold;color:${brand}">${escapeHtml(branding.name)}</span>`,
    '</div>',
    `<p>${escapeHtml(letter.greeting)}</p>`,
    ...htmlBlocks,
    `<p>${signOff.split('\n').map(escapeHtml).join('<br>')}</p>`,
    '<div style="margin-top:28px;padding-top:12px;border-top:1px solid #e2e2e2;font-size:13px;color:#555">',
    `<strong>${escapeHtml(branding.name)}</strong><br>`,
    `<a href="tel:${escapeHtml(dialable(branding.phone))}" style="color:#555">${escapeHtml(phone)}</a> · <a href="${escapeHtml(branding.website)}" style="color:#555">${escapeHtml(websiteShown(branding.website))}</a><br>`,
    escapeHtml(branding.postalAddress),
    '</div>',
    '</div>',
    '</body></html>',
  ].join('\n');
  return { to: letter.to, ...(letter.replyTo === undefined ? {} : { replyTo: letter.replyTo }), subject: letter.subject, text, html };
}

/** A moment as the reader reads it: their weekday, date, time and zone abbreviation (DST-aware). */
export function inReaderTime(instant: string, timezone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timezone).toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");
}

/** A calendar day as words, e.g. "Monday, December 7, 2026". */
export function calendarDay(day: string): string {
  return DateTime.fromISO(day, { zone: 'utc' }).toFormat('cccc, LLLL d, yyyy');
}

/** Only the time of day as the reader reads it, e.g. "9:00 AM", or "9:00 AM CDT" with the zone. */
export function clockTime(instant: string, timezone: string, withZone = false): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timezone).toFormat(withZone ? 'h:mm a ZZZZ' : 'h:mm a');
}

/** A timezone by name at a given moment, e.g. "Eastern Daylight Time (America/New_York)". */
export function zoneName(instant: string, timezone: string): string {
  return `${DateTime.fromISO(instant, { zone: 'utc' }).setZone(timezone).toFormat('ZZZZZ')} (${timezone})`;
}
