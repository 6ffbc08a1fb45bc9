import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesPlainMailer } from '../../../functions/adapters/email/ses-plain-mailer';

const ses = mockClient(SESClient);
beforeEach(() => ses.reset());

describe('the SES mailer for emails without attachments', () => {
  it('sends the text and HTML bodies and the subject as UTF-8, names in any script unchanged', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const mailer = sesPlainMailer(new SESClient({}), 'certification@agency.example.com');

    const result = await mailer.send({
      to: ['dana@client.example'],
      replyTo: 'cs@agency.example.com',
      subject: 'Services agreement for Nguyễn Thị Hương and محمد',
      text: 'Dear 山田太郎,',
      html: '<p>Dear 山田太郎,</p>',
      placementId: '01PLACEMENT',
    });

    expect(result).toEqual({ messageId: 'm-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      Source: 'certification@agency.example.com',
      Destination: { ToAddresses: ['dana@client.example'] },
      ReplyToAddresses: ['cs@agency.example.com'],
      Message: {
        Subject: { Data: 'Services agreement for Nguyễn Thị Hương and محمد', Charset: 'UTF-8' },
        Body: { Text: { Data: 'Dear 山田太郎,', Charset: 'UTF-8' }, Html: { Data: '<p>Dear 山田太郎,</p>', Charset: 'UTF-8' } },
      },
      Tags: [{ Name: 'placement-id', Value: '01PLACEMENT' }],
    });
  });

  it('refuses an attachment rather than sending the letter without it', async () => {
    const mailer = sesPlainMailer(new SESClient({}), 'certification@agency.example.com');

    await expect(
      mailer.send({
        to: ['dana@client.example'],
        subject: 's',
        text: 't',
        html: 'h',
        placementId: 'p',
        attachments: [{ filename: 'certificate.pdf', contentType: 'application/pdf', content: new Uint8Array([37]) }],
      }),
    ).rejects.toThrow('no attachments');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('lets an SES failure through, so the caller can flag the placement or retry', async () => {
    ses.on(SendEmailCommand).rejects(new Error('Email address is not verified'));
    const mailer = sesPlainMailer(new SESClient({}), 'certification@agency.example.com');

    await expect(mailer.send({ to: ['x@y.example'], subject: 's', text: 't', html: 'h', placementId: 'p' })).rejects.toThrow('not verified');
  });
});
