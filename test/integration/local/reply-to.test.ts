import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesMailer } from '../../../functions/adapters/email/ses-mailer';
import { get, json, startTestSystem, type LocalSystem } from '../../support/local-system';

// The Reply-To header the functions put on a letter reaches the local SES, and GET /_local/emails shows
// it as `replyTo`, so a developer can see where a client's reply would go.

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sender = 'certification@agency.example.com';
let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-03-04T12:00:00.000Z') });
});

afterAll(async () => {
  await system?.stop();
});

describe('GET /_local/emails and Reply-To', () => {
  it('shows the Reply-To each email was sent with, and null for one without', async () => {
    // Prepare: the production mailer (raw MIME through SendRawEmail), pointed at the local SES.
    const ses = new SESClient({ endpoint: system.endpoints.ses, region: 'us-east-1', credentials });
    const mailer = sesMailer(ses, sender);
    const letter = { to: ['dana@client.example.com'], text: 'Questions? Just reply to this email.', html: '<p>Questions? Just reply to this email.</p>' };
    await mailer.send({ ...letter, subject: 'Your links', placementId: 'pl-1', replyTo: 'customer.service@agency.example.com' });
    await mailer.send({ ...letter, to: ['mentors@agency.example.com'], subject: 'Talk to us', placementId: 'pl-1', replyTo: 'dana@client.example.com' });
    await mailer.send({ ...letter, to: ['proctors@agency.example.com'], subject: 'Exam today', placementId: 'pl-1' });
    ses.destroy();

    // Act
    const response = await get(`${system.baseUrl}/_local/emails`);

    // Assess
    expect(response.status).toBe(200);
    const emails = json(response) as { subject: string; from: string; replyTo: unknown }[];
    expect(emails.map(({ subject, from, replyTo }) => ({ subject, from, replyTo }))).toEqual([
      { subject: 'Your links', from: sender, replyTo: 'customer.service@agency.example.com' },
      { subject: 'Talk to us', from: sender, replyTo: 'dana@client.example.com' },
      { subject: 'Exam today', from: sender, replyTo: null },
    ]);
  });
});
