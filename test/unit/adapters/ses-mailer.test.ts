import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesMailer } from '../../../functions/adapters/email/ses-mailer';

const ses = mockClient(SESClient);
beforeEach(() => ses.reset());

describe('the SES mailer', () => {
  it('sends one raw MIME message with text and HTML, the attachment, and the placement id header', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });
    const mailer = sesMailer(new SESClient({}), 'certification@agency.example.com');

    const result = await mailer.send({
      to: ['dana@client.example'],
      subject: 'Maria Santos is certified',
      text: 'Plain words',
      html: '<p>Plain words</p>',
      placementId: '01PLACEMENT',
      attachments: [{ filename: 'certificate.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) }],
    });

    expect(result).toEqual({ messageId: 'm-1' });
    const input = ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input;
    expect(input?.Source).toBe('certification@agency.example.com');
    expect(input?.Destinations).toEqual(['dana@client.example']);
    const parsed = await simpleParser(Buffer.from(input?.RawMessage?.Data ?? new Uint8Array()));
    expect(parsed.headers.get('x-placement-id')).toBe('01PLACEMENT');
    expect(parsed.subject).toBe('Maria Santos is certified');
    expect(parsed.text?.trim()).toBe('Plain words');
    expect(parsed.html).toContain('<p>Plain words</p>');
    expect(parsed.attachments.map((attachment) => [attachment.filename, attachment.contentType, attachment.size])).toEqual([
      ['certificate.pdf', 'application/pdf', 4],
    ]);
  });

  it('lets an SES failure through, so the caller can flag the placement or retry', async () => {
    ses.on(SendRawEmailCommand).rejects(new Error('Email address is not verified'));
    const mailer = sesMailer(new SESClient({}), 'certification@agency.example.com');

    await expect(mailer.send({ to: ['x@y.example'], subject: 's', text: 't', html: 'h', placementId: 'p' })).rejects.toThrow('not verified');
  });
});
