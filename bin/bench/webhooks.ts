import { createHmac } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/document-client';
import { envelopeKey, placementKey, providerEventSortKey } from '../../functions/adapters/dynamodb/keys';
import { secretValue } from '../../local/config';

/**
 * A second delivery of each provider event, signed as the providers sign them (the sandboxes send the
 * first and cannot redeliver), and the raw DynamoDB rate a webhook is measured against.
 */

export interface SignedDelivery {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** DocuSign Connect's redelivery of an envelope-completed event: same envelope, event and time. */
export function docusignRedelivery(baseUrl: string, envelopeSummary: { envelopeId: string; completedDateTime?: string } & Record<string, unknown>): SignedDelivery {
  const body = JSON.stringify({
    event: 'envelope-completed',
    apiVersion: 'v2.1',
    uri: `/restapi/v2.1/accounts/local-account/envelopes/${envelopeSummary.envelopeId}`,
    retryCount: 1,
    configurationId: '10001',
    generatedDateTime: envelopeSummary.completedDateTime ?? new Date().toISOString(),
    data: { accountId: 'local-account', envelopeId: envelopeSummary.envelopeId, envelopeSummary },
  });
  const signature = createHmac('sha256', secretValue('docusignConnectKey')).update(body, 'utf8').digest('base64');
  return { url: `${baseUrl}/webhooks/docusign`, body, headers: { 'content-type': 'application/json', 'x-docusign-signature-1': signature } };
}

/** A checkout.session.completed for a paid session, signed at `unixSeconds` (the system's virtual now). */
export function billingRedelivery(baseUrl: string, session: Record<string, unknown> & { id: string }, unixSeconds: number): SignedDelivery {
  const body = JSON.stringify({
    id: `evt_redelivery_${session.id}`,
    object: 'event',
    api_version: '2024-06-20',
    created: unixSeconds,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
    data: { object: session },
  });
  const signature = createHmac('sha256', secretValue('billingWebhookSecret')).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return { url: `${baseUrl}/webhooks/billing`, body, headers: { 'content-type': 'application/json', 'stripe-signature': `t=${unixSeconds},v1=${signature}` } };
}

/** Runs `work` over `items` with `concurrency` at a time; returns each item's time in ms. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<number[]> {
  const times: number[] = new Array<number>(items.length).fill(0);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      const started = performance.now();
      await work(items[index] as T, index);
      times[index] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return times;
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

/**
 * What a provider event cannot avoid on the table, with the real SDK client against the same
 * dynalite: read the pointer (envelope → placement), look for the event already recorded (a query),
 * read the placement (consistent), write it back under its version (conditional put). Returns the
 * rate of these four-operation rounds per second at `concurrency`.
 */
export async function rawTableRate(options: { endpoint: string; tableName: string; placementItem: Record<string, unknown>; rounds: number; concurrency: number }): Promise<number> {
  const client = createDocumentClient({ endpoint: options.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { tableName } = options;
  const slots = Array.from({ length: options.concurrency }, (_, slot) => `bench-raw-${slot}`);
  // One placement and its pointer per worker, shaped like a real placement, so that the writes do not contend.
  for (const id of slots) {
    await client.send(new PutCommand({ TableName: tableName, Item: { ...options.placementItem, ...placementKey(id), id, version: 0 } }));
    await client.send(new PutCommand({ TableName: tableName, Item: { ...envelopeKey(id), placementId: id } }));
  }
  const versions = new Map(slots.map((id) => [id, 0]));
  const rounds = Array.from({ length: options.rounds }, (_, index) => slots[index % slots.length] ?? '');
  const started = performance.now();
  // Each worker takes its own slot: round i goes to the worker whose slot it names.
  await Promise.all(
    slots.map(async (id) => {
      for (const slot of rounds) {
        if (slot !== id) continue;
        await client.send(new GetCommand({ TableName: tableName, Key: envelopeKey(id), ConsistentRead: true }));
        await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
            ExpressionAttributeValues: { ':pk': placementKey(id).PK, ':event': providerEventSortKey('billing', `evt_${id}`) },
          }),
        );
        const read = await client.send(new GetCommand({ TableName: tableName, Key: placementKey(id), ConsistentRead: true }));
        const version = versions.get(id) ?? 0;
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...read.Item, version: version + 1 },
            ConditionExpression: 'attribute_exists(PK) AND #version = :readVersion',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':readVersion': version },
          }),
        );
        versions.set(id, version + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return options.rounds / seconds;
}
