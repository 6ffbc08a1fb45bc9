import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer } from '../../application/ports';

/** SES tag values allow letters, digits, `_` and `-` only. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || 'none';

/**
 * Emails without attachments through SES SendEmail: SES itself writes the MIME (text and HTML
 * alternatives, UTF-8 subject and bodies), so the function needs no MIME library. SendEmail carries no
 * custom headers: the placement's id goes as the `placement-id` message tag, seen in SES's events.
 * Attachments need raw MIME (./ses-mailer.ts), which only the document function sends.
 */
export function sesPlainMailer(client: SESClient, from: string): Mailer {
  return {
    async send(email) {
      if ((email.attachments ?? []).length > 0) {
        throw new Error('This mailer sends no attachments: the document function sends the emails that carry a PDF.');
      }
      const result = await client.send(
        new SendEmailCommand({
          Source: from,
          Destination: { ToAddresses: email.to },
          ...(email.replyTo === undefined ? {} : { ReplyToAddresses: [email.replyTo] }),
          Message: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          },
          Tags: [{ Name: 'placement-id', Value: tagValue(email.placementId) }],
        }),
      );
      return { messageId: result.MessageId ?? '' };
    },
  };
}
