import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { encodedWords, mimeMessage } from '../../../functions/adapters/email/mime';

const certificate = { filename: 'certificate-01CERT.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70, 45, 49]) };

describe('the raw MIME of a letter with its PDF', () => {
  it('reads back with the names in every script, both bodies, the attachment and the placement header', async () => {
    const subject = 'Nguyễn Thị Hương, محمد عبدالله, 山田太郎 and Ελένη Παπαδοπούλου are certified';
    const text = 'Dear Анна-Мария Иванова,\nThe certificate of 김민준 is attached.';
    const raw = mimeMessage('certification@agency.example.com', {
      to: ['dana@client.example'],
      replyTo: 'cs@agency.example.com',
      subject,
      text,
      html: `<p>${text}</p>`,
      placementId: '01PLACEMENT',
      attachments: [certificate],
    });

    const parsed = await simpleParser(raw);

    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trimEnd()).toBe(text);
    expect(parsed.html).toBe(`<p>${text}</p>`);
    expect(parsed.from?.text).toBe('certification@agency.example.com');
    expect(parsed.replyTo?.text).toBe('cs@agency.example.com');
    expect(parsed.headers.get('x-placement-id')).toBe('01PLACEMENT');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, [...a.content]])).toEqual([
      ['certificate-01CERT.pdf', 'application/pdf', [...certificate.content]],
    ]);
  });

  it('keeps a header line short and plain ASCII, however long and foreign the name', () => {
    const raw = mimeMessage('certification@agency.example.com', {
      to: ['dana@client.example'],
      subject: `Services agreement for ${'Nguyễn Thị Hương '.repeat(8)}`,
      text: 't',
      html: 'h',
      placementId: 'p',
    });
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');

    expect(headers.every((line) => line.length <= 78 && /^[\x20-\x7e]*$/.test(line))).toBe(true);
  });

  it('names an attachment in any script', async () => {
    const raw = mimeMessage('certification@agency.example.com', {
      to: ['dana@client.example'],
      subject: 's',
      text: 't',
      html: 'h',
      placementId: 'p',
      attachments: [{ ...certificate, filename: 'шаблон договора "2030".pdf' }],
    });

    expect((await simpleParser(raw)).attachments[0]?.filename).toBe('шаблон договора "2030".pdf');
  });

  it('leaves a plain ASCII subject as it is', () => {
    expect(encodedWords('Exam today')).toBe('Exam today');
  });
});
