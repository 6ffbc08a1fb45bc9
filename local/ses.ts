import type http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { httpRequest, keepIdleSockets, localHost, localUrl, PortInUseError } from './http';

const require = createRequire(import.meta.url);

export interface LocalSes {
  server: http.Server;
  url: string;
}

/** aws-ses-v2-local in this process: it answers SES v1 SendEmail/SendRawEmail and serves its viewer at `/`. */
export async function startSes(port: number): Promise<LocalSes> {
  const module = require('aws-ses-v2-local') as typeof import('aws-ses-v2-local');
  const server = await module.default({ host: localHost, port });
  // Its listen callback also runs on a listen error, leaving the server closed.
  if (!server.listening) throw new PortInUseError(port, 'SES, PORT+2');
  keepIdleSockets(server);
  return { server, url: localUrl((server.address() as AddressInfo).port) };
}

const storeSchema = z.object({
  emails: z.array(
    z.object({
      messageId: z.string(),
      from: z.string(),
      replyTo: z.array(z.string()).optional(),
      destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
      subject: z.string(),
      body: z.object({ html: z.string().optional(), text: z.string().optional() }),
      attachments: z.array(z.object({ filename: z.string().optional(), contentType: z.string(), size: z.number() })),
      at: z.number(),
    }),
  ),
});

export interface SentEmail {
  messageId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  from: string;
  /** The Reply-To header as SES received it: where the reader's reply goes, when not to the sender. */
  replyTo: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
  /** When SES accepted it (virtual clock; SES keeps whole seconds). */
  at: string;
}

/** Every email sent so far, read from aws-ses-v2-local's store. */
export async function listSentEmails(sesUrl: string): Promise<SentEmail[]> {
  const response = await httpRequest(`${sesUrl}/store`);
  if (response.status !== 200) throw new Error(`The SES store answered ${response.status}.`);
  const store = storeSchema.parse(JSON.parse(response.body));
  return store.emails.map((email) => ({
    messageId: email.messageId,
    to: email.destination.to,
    cc: email.destination.cc,
    bcc: email.destination.bcc,
    from: email.from,
    replyTo: email.replyTo?.[0] ?? null,
    subject: email.subject,
    text: email.body.text ?? null,
    html: email.body.html ?? null,
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    at: new Date(email.at * 1000).toISOString(),
  }));
}
