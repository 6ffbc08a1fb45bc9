import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput } from '../../../lib/table-definition';
import { advanceClock, get, json, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// The /_local/ control API (DESIGN §3) and the scheduler it drives.

/** A Monday, 12:00 UTC. */
const start = new Date('2030-03-04T12:00:00.000Z');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let system: LocalSystem;
/** When each scheduled function ran, by the virtual clock it saw. */
const runs: { function: string; at: string; time: string }[] = [];

function recordRun(name: string) {
  return (event: unknown) => {
    // The reconciliation npm start runs once at start-up is not a schedule firing.
    if ((event as { source?: string }).source === 'local.startup') return null;
    runs.push({ function: name, at: new Date().toISOString(), time: String((event as { time: string }).time) });
    return null;
  };
}

beforeAll(async () => {
  system = await startTestSystem({
    now: start,
    scheduler: true,
    functions: {
      staffDigest: recordRun('staffDigest'),
      overdueExamResults: recordRun('overdueExamResults'),
      checkInReminders: recordRun('checkInReminders'),
      reconcilePlacements: recordRun('reconcilePlacements'),
    },
  });
});

afterAll(async () => {
  await system?.stop();
});

describe('clock', () => {
  it('starts where it was told', async () => {
    const now = new Date(String((json(await get(`${system.baseUrl}/_local/clock`)) as { now: string }).now));

    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(0);
    expect(now.getTime() - start.getTime()).toBeLessThan(5_000);
  });

  it('refuses bad requests with a 4xx in the project error shape', async () => {
    const url = `${system.baseUrl}/_local/clock`;
    const responses = await Promise.all([
      postJson(url, { advanceBy: 'three days' }),
      postJson(url, { advanceTo: '2001-01-01T00:00:00Z' }),
      postJson(url, { advanceTo: 'tomorrow' }),
      postJson(url, { advanceBy: 'P1D', advanceTo: '2040-01-01T00:00:00Z' }),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(json(response)).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.any(String) } });
    }
  });

  it('runs each schedule at its virtual instant, in order, through a day', async () => {
    const from = system.clock.now();

    const now = await advanceClock(system, { advanceBy: 'P1D' });

    expect(now.getTime() - from.getTime()).toBeGreaterThanOrEqual(86_400_000);
    const digest = runs.filter((run) => run.function === 'staffDigest');
    expect(digest.map((run) => run.time)).toEqual(['2030-03-04T13:00:00Z']);
    const checkIns = runs.filter((run) => run.function === 'checkInReminders');
    // On the hour, every hour: some client's Monday morning is always at hand.
    expect(checkIns.map((run) => run.time)).toEqual(
      Array.from({ length: 24 }, (_, hour) => new Date(Date.parse('2030-03-04T13:00:00Z') + hour * 3_600_000).toISOString().replace('.000Z', 'Z')),
    );
    // Each ran when the virtual clock said its time, not at the end of the advance.
    for (const run of [...digest, ...checkIns]) {
      expect(new Date(run.at).getTime() - new Date(run.time).getTime()).toBeLessThan(1_000);
      expect(new Date(run.at).getTime()).toBeGreaterThanOrEqual(new Date(run.time).getTime());
    }
    expect(runs.filter((run) => run.function === 'overdueExamResults')).toHaveLength(24);
    // The safety-net sweep runs once a day; stopped executions reach it as events, not by polling.
    expect(runs.filter((run) => run.function === 'reconcilePlacements').map((run) => run.time)).toEqual(['2030-03-05T11:00:00Z']);
    const times = runs.map((run) => new Date(run.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('advances to an instant', async () => {
    const target = new Date(system.clock.now().getTime() + 90 * 60_000);

    const now = await advanceClock(system, { advanceTo: target.toISOString() });

    expect(now.getTime() - target.getTime()).toBeGreaterThanOrEqual(0);
    expect(now.getTime() - target.getTime()).toBeLessThan(1_000);
  });
});

describe('emails', () => {
  it('lists every email sent, attachments included, stamped on the virtual clock', async () => {
    const ses = new SESClient({ endpoint: system.endpoints.ses, region: 'us-east-1', credentials });
    await ses.send(
      new SendEmailCommand({
        Source: 'certification@agency.example.com',
        Destination: { ToAddresses: ['dana@client.example.com'] },
        Message: { Subject: { Data: 'Your links' }, Body: { Text: { Data: 'Sign here' }, Html: { Data: '<p>Sign here</p>' } } },
      }),
    );
    const raw = [
      'From: certification@agency.example.com',
      'To: dana@client.example.com',
      'Subject: Your certificate',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Attached.',
      '--b',
      'Content-Type: application/pdf; name="certificate.pdf"',
      'Content-Disposition: attachment; filename="certificate.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.7 fake').toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    ses.destroy();

    const emails = json(await get(`${system.baseUrl}/_local/emails`)) as Record<string, unknown>[];

    expect(emails).toHaveLength(2);
    expect(emails[0]).toMatchObject({
      to: ['dana@client.example.com'],
      from: 'certification@agency.example.com',
      subject: 'Your links',
      text: 'Sign here',
      html: '<p>Sign here</p>',
      attachments: [],
    });
    expect(emails[1]).toMatchObject({
      subject: 'Your certificate',
      attachments: [{ filename: 'certificate.pdf', contentType: 'application/pdf', size: 13 }],
    });
    const sentAt = new Date(String(emails[1]?.at)).getTime();
    expect(Math.abs(sentAt - system.clock.now().getTime())).toBeLessThan(5_000);
  });
});

describe('endpoints', () => {
  it('lists the local endpoints, and DynamoDB there has the table of the shared definition', async () => {
    const endpoints = json(await get(`${system.baseUrl}/_local/endpoints`));

    expect(endpoints).toEqual({
      dynamodb: expect.stringMatching(/^http:\/\/localhost:\d+$/),
      ses: expect.stringMatching(/^http:\/\/localhost:\d+$/),
      stepfunctions: expect.stringMatching(/^http:\/\/localhost:\d+$/),
      sandbox: { docusign: expect.stringMatching(/\/docusign$/), billing: expect.stringMatching(/\/billing$/) },
    });
    const dynamodb = new DynamoDBClient({ endpoint: system.endpoints.dynamodb, region: 'us-east-1', credentials });
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: system.tableName }));
    dynamodb.destroy();
    const expected = createTableInput(system.tableName);
    expect(Table?.KeySchema).toEqual(expected.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(expected.GlobalSecondaryIndexes.map((index) => index.IndexName).sort());
  });

  it('404s an unknown control route', async () => {
    expect((await get(`${system.baseUrl}/_local/nothing`)).status).toBe(404);
  });
});
