import { DateTime } from 'luxon';

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

/** One letter, two bodies: plain text for every client, HTML for those who read it. */
export function render(letter: Letter): RenderedEmail {
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
      return `<p><a href="${escapeHtml(block.link.url)}" style="display:inline-block;padding:10px 18px;background:#1f5f8b;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.link.label)}</a></p>`;
    }
    if ('heading' in block) return `<h3 style="margin:20px 0 8px">${escapeHtml(block.heading)}</h3>`;
    return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  });
  const text = [letter.greeting, ...textBlocks, signOff].join('\n\n') + '\n';
  const html = [
    '<!doctype html><html><body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:620px">',
    `<p>${escapeHtml(letter.greeting)}</p>`,
    ...htmlBlocks,
    `<p>${signOff.split('\n').map(escapeHtml).join('<br>')}</p>`,
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
