import { createHash } from 'node:crypto';
import type { AgencyConfig } from '../domain/agency-config';
import { Conflict, DomainError, InvalidInput, NotFound } from '../domain/errors';
import { InvalidLink } from './request';

/**
 * The pages a person sees (the client's links, the certificate check, errors for a browser): one
 * branded layout, readable without JavaScript, printable, and allowed nothing by its policy but its
 * own style (by hash) and its logo.
 */

/** What a page needs to know of the agency. */
export type PageAgency = Pick<AgencyConfig, 'branding' | 'customerServiceEmail'>;

export interface PageForm {
  action: string;
  /** The message box's label; without it the form is its button alone (a confirmation). */
  label?: string;
  /** The longest message the route takes (4000 when not given). */
  maxLength?: number;
  button: string;
  hidden?: Record<string, string>;
}

export interface Page {
  status: number;
  title: string;
  /** Shown large under the title: what a reader must not miss (a certificate's standing). */
  verdict?: { tone: 'good' | 'bad' | 'neutral'; text: string };
  /** Plain text, a paragraph each. */
  paragraphs?: readonly string[];
  /** Term and value, as a list (a certificate's particulars). */
  facts?: readonly (readonly [term: string, value: string])[];
  /** A paragraph ending with Customer Service's email and phone, after this lead-in. */
  help?: string;
  form?: PageForm;
}

export const bundledLogoPath = '/assets/logo.svg';

export const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// --- Colour: the brand colour is configured, so its contrast is checked here, not assumed. ---

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}

/** The pages' grey background (the footer's); white, the card's, is lighter. */
const pageBackground = '#f4f5f6';

/** The brand colour, darkened until text in it on the page (and white text on it) reads at 4.5:1 or better. */
export function readableInk(hex: string): string {
  let colour = hex.toLowerCase();
  while (contrastRatio(colour, pageBackground) < 4.5) {
    colour = `#${[1, 3, 5]
      .map((start) => Math.floor(parseInt(colour.slice(start, start + 2), 16) * 0.9).toString(16).padStart(2, '0'))
      .join('')}`;
  }
  return colour;
}

// --- The one style, per brand colour, and the policy that allows it by its hash ---

function styleFor(brandColour: string): string {
  const ink = readableInk(brandColour);
  return [
    '*{box-sizing:border-box}',
    `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1a1a1a;background:${pageBackground}}`,
    `header{background:#ffffff;border-bottom:6px solid ${brandColour};padding:14px 24px}`,
    'header a{display:inline-block}',
    'header img{display:block;height:44px;width:auto;max-width:100%}',
    'main{display:block;max-width:640px;margin:32px auto;padding:24px 28px 28px;background:#ffffff;border-radius:8px}',
    'h1{font-size:1.6rem;line-height:1.25;margin:0 0 16px}',
    `a{color:${ink}}`,
    'a[href^="tel:"]{white-space:nowrap}',
    `a:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid ${ink};outline-offset:2px}`,
    '.verdict{font-size:1.35rem;font-weight:700;margin:0 0 16px;padding:12px 16px;border-left:8px solid;border-radius:4px}',
    '.verdict.good{background:#e6f4ea;color:#14532d;border-color:#15803d}',
    '.verdict.bad{background:#fdecec;color:#7f1d1d;border-color:#b91c1c}',
    '.verdict.neutral{background:#eef1f4;color:#1f2933;border-color:#52606d}',
    'dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0 0 16px}',
    'dt{font-weight:600;color:#404040}',
    'dd{margin:0}',
    'label{display:block;font-weight:600;margin:16px 0 6px}',
    'textarea{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid #6b6b6b;border-radius:4px}',
    `button{font:inherit;font-weight:600;color:#ffffff;background:${ink};border:0;border-radius:4px;padding:10px 20px;margin-top:14px;cursor:pointer}`,
    'footer{max-width:640px;margin:0 auto 40px;padding:0 28px;color:#404040;font-size:.95rem}',
    'footer p{margin:4px 0}',
    '@media print{body{background:#ffffff;color:#000000}header{padding:0 0 10px;border-bottom:2px solid #000000}main{max-width:none;margin:16px 0;padding:0}form{display:none}a{color:#000000;text-decoration:none}footer{max-width:none;padding:0;color:#000000}.verdict.good,.verdict.bad,.verdict.neutral{border:2px solid #000000;background:none;color:#000000}}',
  ].join('');
}

const styles = new Map<string, { style: string; hash: string }>();
function pageStyle(brandColour: string): { style: string; hash: string } {
  let found = styles.get(brandColour);
  if (found === undefined) {
    const style = styleFor(brandColour);
    found = { style, hash: createHash('sha256').update(style, 'utf8').digest('base64') };
    styles.set(brandColour, found);
  }
  return found;
}

/**
 * What a page may load: its own style and its logo, nothing else. Its one form posts back to this API;
 * no site may frame it (clickjacking the "Talk to us" form) and no `<base>` may redirect its links.
 */
export function pagePolicy(agency: PageAgency): string {
  const logoOrigin = agency.branding.logoUrl === undefined ? undefined : new URL(agency.branding.logoUrl).origin;
  return [
    "default-src 'none'",
    `style-src 'sha256-${pageStyle(agency.branding.brandColour).hash}'`,
    `img-src 'self'${logoOrigin === undefined ? '' : ` ${logoOrigin}`}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

// --- Phone ---

/** The agency's phone as people read it (the configured international form, spaced) and as a tel: link. */
export function phoneOf(agency: PageAgency): { shown: string; dial: string } {
  const dial = `+${agency.branding.phone.replace(/\D/g, '')}`;
  return { shown: agency.branding.phone.replace(/\s+/g, ' ').trim(), dial };
}

// --- Markup ---

function customerServiceLinks(agency: PageAgency): string {
  const phone = phoneOf(agency);
  const email = escapeHtml(agency.customerServiceEmail);
  return `<a href="mailto:${email}">${email}</a> or call <a href="tel:${escapeHtml(phone.dial)}">${escapeHtml(phone.shown)}</a>`;
}

function formHtml(form: PageForm): string {
  const hidden = Object.entries(form.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const messageBox =
    form.label === undefined
      ? ''
      : `<label for="message">${escapeHtml(form.label)}</label><textarea id="message" name="message" rows="8" cols="60" maxlength="${form.maxLength ?? 4000}" required></textarea>`;
  return `<form method="post" action="${escapeHtml(form.action)}">${hidden}${messageBox}<button type="submit">${escapeHtml(form.button)}</button></form>`;
}

/** The whole page, and the policy that lets it show as designed. */
export function renderPage(agency: PageAgency, page: Page): { html: string; contentSecurityPolicy: string } {
  const { branding } = agency;
  const name = escapeHtml(branding.name);
  const logo = escapeHtml(branding.logoUrl ?? bundledLogoPath);
  const verdict = page.verdict === undefined ? '' : `<p class="verdict ${page.verdict.tone}">${escapeHtml(page.verdict.text)}</p>`;
  const facts =
    page.facts === undefined || page.facts.length === 0
      ? ''
      : `<dl>${page.facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
  const paragraphs = (page.paragraphs ?? []).map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('');
  const help = page.help === undefined ? '' : `<p>${escapeHtml(page.help)}: write to ${customerServiceLinks(agency)}.</p>`;
  const form = page.form === undefined ? '' : formHtml(page.form);
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">',
    `<title>${escapeHtml(page.title)} · ${name}</title><style>${pageStyle(branding.brandColour).style}</style></head><body>`,
    `<header><a href="${escapeHtml(branding.website)}"><img src="${logo}" alt="${name}" height="44"></a></header>`,
    `<main><h1>${escapeHtml(page.title)}</h1>${verdict}${facts}${paragraphs}${help}${form}</main>`,
    `<footer><p>${name} · ${escapeHtml(branding.postalAddress)}</p><p>Customer Service: ${customerServiceLinks(agency)} · <a href="${escapeHtml(branding.website)}">${escapeHtml(branding.website.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</a></p></footer>`,
    '</body></html>',
  ].join('');
  return { html, contentSecurityPolicy: pagePolicy(agency) };
}

// --- Errors in plain words ---

const reasonOf = (error: DomainError): unknown =>
  typeof error.details === 'object' && error.details !== null && 'reason' in error.details ? error.details.reason : undefined;

/** Whether an error means the client's link itself is wrong: cut short, mistyped, or not this placement's key. */
export function isBadLink(error: unknown): boolean {
  return error instanceof InvalidLink || (error instanceof NotFound && reasonOf(error) === 'UNKNOWN_LINK');
}

export const badLinkPage: Omit<Page, 'status'> = {
  title: 'This link does not work',
  paragraphs: [
    'The link you opened is not complete or not quite right. Email programs sometimes cut long links in two, and a link copied by hand can lose a character.',
    'Please open it again by clicking it in the email we sent you.',
  ],
  help: 'If it still does not work, our Customer Service Team will help',
};

const conflictWords: Record<string, Omit<Page, 'status'>> = {
  NOT_STARTED: {
    title: 'Not yet',
    paragraphs: ['The mentor team takes cases once your VE is certified.'],
    help: 'Until then, our Customer Service Team is glad to help',
  },
  NO_SUCH_CHECK_IN: {
    title: 'This check-in is not open',
    paragraphs: ['This link belongs to a check-in we have not sent yet. Please use the links in the most recent check-in email from us.'],
    help: 'Our Customer Service Team is glad to help',
  },
};

/**
 * The page for an error, in words for a person: what happened and what to do, never the error's
 * details (a validation issue list) or its stack. `status` is what the JSON answer would carry.
 */
export function errorPage(error: unknown, status: number): Page {
  if (isBadLink(error)) return { status: 404, ...badLinkPage };
  if (error instanceof Conflict) {
    const reason = reasonOf(error);
    const words = typeof reason === 'string' ? conflictWords[reason] : undefined;
    return {
      status,
      ...(words ?? {
        title: 'This has changed',
        paragraphs: ['What this page is about changed after the link was sent. Please open the most recent email from us and try again.'],
        help: 'Our Customer Service Team is glad to help',
      }),
    };
  }
  if (error instanceof InvalidInput) {
    return {
      status,
      title: 'We could not read what you sent',
      paragraphs: ['Something in it was missing or too long. Please go back, check it and send it again.'],
      help: 'If it still does not work, our Customer Service Team will help',
    };
  }
  if (error instanceof NotFound && reasonOf(error) === 'NOT_READY') {
    return {
      status,
      title: 'Not ready yet',
      paragraphs: ['We are still preparing this for you. Please try the link again in a little while.'],
      help: 'Our Customer Service Team is glad to help',
    };
  }
  if (error instanceof NotFound) {
    return {
      status,
      title: 'We could not find this page',
      paragraphs: ['Please check the address, or open the link again from the email we sent you.'],
      help: 'Our Customer Service Team is glad to help',
    };
  }
  if (status === 429) {
    return { status, title: 'Please try again in a few minutes', paragraphs: ['Many requests reached us at once, so we paused for a moment.'], help: 'Our Customer Service Team is glad to help in the meantime' };
  }
  if (status >= 500 || !(error instanceof DomainError)) {
    return {
      status: status >= 500 ? status : 500,
      title: 'Something went wrong on our side',
      paragraphs: ['We have been told and are looking into it. Please try again in a few minutes.'],
      help: 'If it cannot wait, our Customer Service Team will help',
    };
  }
  return { status, title: 'This page is not available', paragraphs: ['Please open the link again from the email we sent you.'], help: 'Our Customer Service Team is glad to help' };
}
