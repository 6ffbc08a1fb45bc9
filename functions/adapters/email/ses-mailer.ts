import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer } from '../../application/ports';
import { mimeMessage } from './mime';

/** Emails as raw MIME (text + HTML alternatives, attachments) through SES SendRawEmail: the letters that carry a PDF. */
export function sesMailer(client: SESClient, from: string): Mailer {
  return {
    async send(email) {
      const raw = Buffer.from(mimeMessage(from, email), 'utf8');
      const result = await client.send(new SendRawEmailCommand({ Source: from, Destinations: email.to, RawMessage: { Data: raw } }));
      return { messageId: result.MessageId ?? '' };
    },
  };
}
