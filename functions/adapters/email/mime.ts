import { randomUUID } from 'node:crypto';
import type { OutgoingEmail } from '../../application/ports';

/**
 * One email as raw MIME (RFC 5322, 2045-2047, 2231): text and HTML alternatives and the attachments.
 * Written here rather than with a MIME library: the one message shape the agency sends needs a page.
 * Every body part is base64 UTF-8, so any script in a name arrives as written.
 */

const crlf = '\r\n';

/** Base64 in lines of 76 characters, as MIME wants it. */
const base64Lines = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/.{76}(?=.)/g, `$&${crlf}`);

const isAscii = (value: string) => /^[\x20-\x7e]*$/.test(value);

/**
 * A header value in RFC 2047 encoded words when it is not plain ASCII: UTF-8, base64, each word within
 * 75 characters and never splitting a character, folded onto continuation lines.
 */
export function encodedWords(value: string): string {
  if (isAscii(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    // 39 bytes of UTF-8 make 52 base64 characters: a 64-character word, so even `Subject: ` and the first fit in 78.
    if (Buffer.byteLength(chunk + character) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(`${crlf} `);
}

/** A filename parameter: quoted ASCII, or RFC 2231 UTF-8 percent-encoding. */
function filenameParameter(filename: string): string {
  if (isAscii(filename) && !/["\\]/.test(filename)) return `filename="${filename}"`;
  return `filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const part = (headers: string[], body: string) => [...headers, '', body].join(crlf);

const multipart = (subtype: string, boundary: string, parts: string[]) =>
  part([`Content-Type: multipart/${subtype};${crlf} boundary="${boundary}"`], [...parts.map((p) => `--${boundary}${crlf}${p}`), `--${boundary}--`, ''].join(crlf));

const textPart = (type: 'plain' | 'html', text: string) =>
  part([`Content-Type: text/${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64'], base64Lines(Buffer.from(text, 'utf8')));

/** The whole message, headers and body, as SES SendRawEmail takes it. */
export function mimeMessage(from: string, email: OutgoingEmail, date: Date = new Date()): string {
  const boundary = () => `=_${randomUUID()}`;
  const alternatives = multipart('alternative', boundary(), [textPart('plain', email.text), textPart('html', email.html)]);
  const attachments = (email.attachments ?? []).map((attachment) =>
    part(
      [
        `Content-Type: ${attachment.contentType}`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; ${filenameParameter(attachment.filename)}`,
      ],
      base64Lines(attachment.content),
    ),
  );
  const body = attachments.length === 0 ? alternatives : multipart('mixed', boundary(), [alternatives, ...attachments]);
  const headers = [
    `From: ${from}`,
    `To: ${email.to.join(', ')}`,
    ...(email.replyTo === undefined ? [] : [`Reply-To: ${email.replyTo}`]),
    `Subject: ${encodedWords(email.subject)}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    `X-Placement-Id: ${email.placementId}`,
  ];
  return `${headers.join(crlf)}${crlf}${body}`;
}
