import { z } from 'zod';
import { localTableName } from '../../local/config';
import { httpRequest, type PlainResponse } from '../../local/http';
import { billingRedelivery, docusignRedelivery, inPool, percentile, rawTableRate } from './webhooks';
import type { CostCounts } from './cost';

/**
 * N placements through the whole virtual week on one local system, as staff, clients and providers
 * would drive them: selected, the links emailed the day after the interview, the contract signed and
 * the reserve paid (each provider event delivered twice), the week, the exam results (one in ten
 * fails, so the "interview again" path runs too), the first working day.
 */

export const concurrency = 32;
/** A New York client who interviewed on Monday 1 April 2030: links Tuesday 13:00Z, the week from Monday 8 April. */
export const benchStart = '2030-04-02T12:00:00Z';
const interviewAt = '2030-04-01T15:00:00Z';
const afterTheLinks = '2030-04-02T14:00:00Z';
const afterTheExam = '2030-04-12T19:00:00Z';
const afterTheStart = '2030-04-15T14:00:00Z';

const placementSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  contract: z.looseObject({ envelopeId: z.string() }).optional(),
  reserve: z.looseObject({ checkoutSessionId: z.string().optional() }).optional(),
});
const sandboxAnswerSchema = z.looseObject({
  webhook: z.looseObject({ status: z.number().nullable() }),
  envelope: z.looseObject({ envelopeId: z.string() }).optional(),
  session: z.looseObject({ id: z.string() }).optional(),
});
const emailSchema = z.looseObject({ to: z.array(z.string()), subject: z.string(), text: z.string().nullable() });
const endpointsSchema = z.looseObject({ dynamodb: z.string(), sandbox: z.looseObject({ docusign: z.string(), billing: z.string() }) });

export interface DriveResult {
  placements: number;
  driveMs: number;
  certified: number;
  notCertified: number;
  wrongEndState: string[];
  emailProblems: string[];
  emailsPerPlacement: { certified: number; notCertified: number };
  webhooks: { deliveries: number; perSecond: number; p50Ms: number; p99Ms: number; failed: number };
  rawTableRoundsPerSecond: number;
  metrics: { before: CostCounts; after: CostCounts };
  /** CPU seconds the whole local system used during the drive. */
  cpuSeconds: number;
}

interface Driven {
  id: string;
  index: number;
  passes: boolean;
  clientEmail: string;
  candidateEmail: string;
  envelopeId: string;
  checkoutSessionId: string;
  envelopeSummary?: Record<string, unknown> & { envelopeId: string };
  session?: Record<string, unknown> & { id: string };
}

export async function drivePlacements(baseUrl: string, staffToken: string, count: number, systemCpuSeconds: () => number): Promise<DriveResult> {
  const staff = { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' };
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = staff): Promise<PlainResponse> =>
    httpRequest(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const endpoints = endpointsSchema.parse(JSON.parse((await call('GET', `${baseUrl}/_local/endpoints`)).body));
  const virtualClock = { at: Date.parse(benchStart), realAt: Date.now() };
  const advanceTo = async (instant: string) => {
    // A day at a time: each advance waits until the system is idle, within the clock's patience.
    for (let day = virtualClock.at + 86_400_000; ; day += 86_400_000) {
      const target = new Date(Math.min(day, Date.parse(instant))).toISOString();
      for (;;) {
        const response = await call('POST', `${baseUrl}/_local/clock`, { advanceTo: target });
        if (response.status === 200) break;
        if (response.status !== 503) throw new Error(`Advancing the clock to ${target} failed (${response.status}): ${response.body}`);
      }
      Object.assign(virtualClock, { at: Date.parse(target), realAt: Date.now() });
      if (Date.parse(target) >= Date.parse(instant)) return;
    }
  };
  const virtualUnixNow = () => Math.floor((virtualClock.at + Date.now() - virtualClock.realAt) / 1000);
  const before = await readMetrics(baseUrl);

  const cpuFrom = systemCpuSeconds();
  const started = performance.now();
  const driven: Driven[] = new Array<Driven>(count);
  const indexes = Array.from({ length: count }, (_, index) => index);
  await inPool(indexes, concurrency, async (index) => {
    const clientEmail = `client-${index}@bench-clinic.example`;
    const candidateEmail = `ve-${index}@bench.example`;
    const response = await call('POST', `${baseUrl}/placements`, {
      client: { name: 'Dana Whitfield', email: clientEmail, company: `Bench Clinic ${index}`, timezone: 'America/New_York' },
      candidate: { name: 'Maria Santos', email: candidateEmail, phone: '+63 917 555 0142' },
      interviewAt,
    });
    if (response.status !== 201) throw new Error(`Recording selection ${index} failed (${response.status}): ${response.body}`);
    const { id } = placementSchema.parse(JSON.parse(response.body));
    driven[index] = { id, index, passes: index % 10 !== 9, clientEmail, candidateEmail, envelopeId: '', checkoutSessionId: '' };
  });
  await advanceTo(afterTheLinks);
  await inPool(driven, concurrency, async (placement) => {
    const seen = placementSchema.parse(JSON.parse((await call('GET', `${baseUrl}/placements/${placement.id}`)).body));
    placement.envelopeId = seen.contract?.envelopeId ?? '';
    placement.checkoutSessionId = seen.reserve?.checkoutSessionId ?? '';
  });

  // The provider events, each delivered twice: first by the sandbox, then again as a provider retries.
  const deliveries = [
    ...driven.map((placement) => ['sign', placement] as const),
    ...driven.map((placement) => ['pay', placement] as const),
    ...driven.map((placement) => ['resend contract', placement] as const),
    ...driven.map((placement) => ['resend payment', placement] as const),
  ];
  let failed = 0;
  const webhooksFrom = performance.now();
  const times = await inPool(deliveries, concurrency, async ([what, placement]) => {
    let status: number | null;
    if (what === 'sign' || what === 'pay') {
      const url =
        what === 'sign'
          ? `${endpoints.sandbox.docusign}/envelopes/${placement.envelopeId}/complete`
          : `${endpoints.sandbox.billing}/checkout/sessions/${placement.checkoutSessionId}/pay`;
      const answer = sandboxAnswerSchema.parse(JSON.parse((await call('POST', url, undefined, { accept: 'application/json' })).body));
      status = answer.webhook.status;
      if (answer.envelope) placement.envelopeSummary = answer.envelope;
      if (answer.session) placement.session = answer.session;
    } else {
      const delivery =
        what === 'resend contract'
          ? docusignRedelivery(baseUrl, placement.envelopeSummary ?? { envelopeId: placement.envelopeId })
          : billingRedelivery(baseUrl, placement.session ?? { id: placement.checkoutSessionId }, virtualUnixNow());
      status = (await httpRequest(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body })).status;
    }
    if (status !== 200) failed += 1;
  });
  const webhookSeconds = (performance.now() - webhooksFrom) / 1000;

  await advanceTo(afterTheExam);
  await inPool(driven, concurrency, async (placement) => {
    const response = await call('POST', `${baseUrl}/placements/${placement.id}/exam-result`, { score: placement.passes ? 90 : 79 });
    if (response.status !== 200) throw new Error(`The exam result of ${placement.id} was refused (${response.status}): ${response.body}`);
  });
  await advanceTo(afterTheStart);
  const driveMs = performance.now() - started;
  const cpuSeconds = systemCpuSeconds() - cpuFrom;
  const after = await readMetrics(baseUrl);

  // Did every placement end where it should, with each of its emails sent exactly once?
  const wrongEndState: string[] = [];
  await inPool(driven, concurrency, async (placement) => {
    const seen = placementSchema.parse(JSON.parse((await call('GET', `${baseUrl}/placements/${placement.id}`)).body));
    const expected = placement.passes ? 'ACTIVE' : 'NOT_CERTIFIED';
    if (seen.status !== expected) wrongEndState.push(`${placement.id} is ${seen.status}, not ${expected}`);
  });
  const emails = await readEmails(baseUrl);
  const check = checkEmails(driven, emails);

  const placementItem = await readPlacementItem(endpoints.dynamodb, driven[0]?.id ?? '');
  const rawTableRoundsPerSecond = await rawTableRate({ endpoint: endpoints.dynamodb, tableName: localTableName, placementItem, rounds: deliveries.length, concurrency });

  return {
    placements: count,
    driveMs,
    certified: driven.filter((placement) => placement.passes).length,
    notCertified: driven.filter((placement) => !placement.passes).length,
    wrongEndState,
    emailProblems: check.problems,
    emailsPerPlacement: check.perPlacement,
    webhooks: { deliveries: deliveries.length, perSecond: deliveries.length / webhookSeconds, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), failed },
    rawTableRoundsPerSecond,
    metrics: { before, after },
    cpuSeconds,
  };
}

async function readMetrics(baseUrl: string): Promise<CostCounts> {
  const response = await httpRequest(`${baseUrl}/_local/metrics`);
  if (response.status !== 200) throw new Error(`GET /_local/metrics answered ${response.status}: ${response.body}`);
  return JSON.parse(response.body) as CostCounts;
}

type EmailSeen = z.infer<typeof emailSchema>;

/** Every email sent, following `nextToken` pages if the control API pages them. */
async function readEmails(baseUrl: string): Promise<EmailSeen[]> {
  const emails: EmailSeen[] = [];
  let token: string | undefined;
  do {
    const response = await httpRequest(`${baseUrl}/_local/emails${token === undefined ? '' : `?nextToken=${encodeURIComponent(token)}`}`);
    const body: unknown = JSON.parse(response.body);
    const page = z.union([z.array(emailSchema), z.looseObject({ emails: z.array(emailSchema), nextToken: z.string().optional() })]).parse(body);
    if (Array.isArray(page)) {
      emails.push(...page);
      token = undefined;
    } else {
      emails.push(...page.emails);
      token = page.nextToken;
    }
  } while (token !== undefined);
  return emails;
}

/**
 * Each placement's emails by recipient and subject (its own addresses and id written generically):
 * every one must be there exactly once, and placements with the same outcome must have the same set.
 * An email naming several placements (a staff digest) belongs to none of them.
 */
function checkEmails(driven: Driven[], emails: EmailSeen[]): { problems: string[]; perPlacement: { certified: number; notCertified: number } } {
  const byAddress = new Map<string, Driven>();
  for (const placement of driven) {
    byAddress.set(placement.clientEmail, placement);
    byAddress.set(placement.candidateEmail, placement);
  }
  const letters = new Map<string, Map<string, number>>();
  for (const email of emails) {
    const owners = new Set<Driven>();
    for (const address of email.to) {
      const owner = byAddress.get(address);
      if (owner) owners.add(owner);
    }
    if (owners.size === 0) for (const placement of driven) if ((email.text ?? '').includes(placement.id) || email.subject.includes(placement.id)) owners.add(placement);
    if (owners.size !== 1) continue;
    const [owner] = [...owners] as [Driven];
    const generic = (text: string) => text.replaceAll(owner.id, '{id}').replaceAll(owner.clientEmail, '{client}').replaceAll(owner.candidateEmail, '{ve}').replaceAll(`Bench Clinic ${owner.index}`, '{company}');
    const key = `${email.to.map(generic).join(',')} | ${generic(email.subject)}`;
    const counted = letters.get(owner.id) ?? new Map<string, number>();
    counted.set(key, (counted.get(key) ?? 0) + 1);
    letters.set(owner.id, counted);
  }
  const problems: string[] = [];
  const expected = new Map<boolean, string>();
  const perPlacement = { certified: 0, notCertified: 0 };
  for (const placement of driven) {
    const counted = letters.get(placement.id) ?? new Map<string, number>();
    for (const [key, times] of counted) if (times !== 1) problems.push(`${placement.id}: "${key}" sent ${times} times`);
    const set = [...counted.keys()].sort().join('\n');
    const reference = expected.get(placement.passes);
    if (reference === undefined) {
      expected.set(placement.passes, set);
      perPlacement[placement.passes ? 'certified' : 'notCertified'] = counted.size;
    } else if (reference !== set) {
      problems.push(`${placement.id}: its emails differ from the other ${placement.passes ? 'certified' : 'not certified'} placements'`);
    }
  }
  return { problems, perPlacement };
}

/** A real placement item, for the raw table rate to read and write items of the same size. */
async function readPlacementItem(endpoint: string, id: string): Promise<Record<string, unknown>> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { placementKey } = await import('../../functions/adapters/dynamodb/keys');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const result = await client.send(new GetCommand({ TableName: localTableName, Key: placementKey(id), ConsistentRead: true }));
  client.destroy();
  return result.Item ?? {};
}
