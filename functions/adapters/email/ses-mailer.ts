import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Mailer } from '../../application/ports';

/** Every email as raw MIME (text + HTML alternatives, attachments) through SES SendRawEmail. */
export function sesMailer(client: SESClient, from: string): Mailer {
  return {
    async send(email) {
      const composer = new MailComposer({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
        headers: { 'X-Placement-Id': email.placementId },
        attachments: (email.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content),
        })),
      });
      const raw = await composer.compile().build();
      const result = await client.send(
        new SendRawEmailCommand({ Source: from, Destinations: email.to, RawMessage: { Data: raw } }),
      );
      return { messageId: result.MessageId ?? '' };
    },
  };
}
