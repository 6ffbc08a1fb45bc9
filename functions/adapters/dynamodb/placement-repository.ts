import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { Conflict, InvalidInput, NotFound, StaleVersion } from '../../domain/errors';
import { chronological } from '../../domain/placement';
import type {
  IdempotencyRecord,
  IdempotencyStore,
  Page,
  PageRequest,
  PlacementRepository,
  PlacementWithHistory,
  StaffTokenRepository,
} from '../../application/ports';
import {
  historyEntrySchema,
  placementSchema,
  staffTokenSchema,
  type HistoryEntry,
  type Placement,
  type PlacementStatus,
  type Provider,
  type StaffToken,
} from '../../domain/schemas';
import * as keys from './keys';

const entities = {
  placement: 'Placement',
  history: 'History',
  pointer: 'Pointer',
  staffToken: 'StaffToken',
  idempotency: 'Idempotency',
} as const;

const pointerSchema = z.object({ placementId: z.string().min(1) });
const idempotencySchema = z.object({ fingerprint: z.string().min(1), placementId: z.string().min(1) });
const lastEvaluatedKeySchema = z.record(z.string(), z.string().min(1).max(1024));

const defaultPageSize = 25;

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** The placement table through the document client: only GetItem, Query and single-item conditional writes. */
export class DynamoPlacementRepository implements PlacementRepository, StaffTokenRepository, IdempotencyStore {
  private readonly historyId = monotonicFactory();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(placement: Placement, entries: HistoryEntry[]): Promise<Placement> {
    // Only what can be read back is written: a placement that fails its own schema would break every later read.
    const created = placementSchema.parse({ ...placement, version: 1 });
    return this.writePlacement(created, entries, { ConditionExpression: 'attribute_not_exists(PK)' }, () =>
      new Conflict('A placement with this id exists.', { reason: 'ALREADY_EXISTS', placementId: placement.id }),
    );
  }

  async save(placement: Placement, entries: HistoryEntry[]): Promise<Placement> {
    const saved = placementSchema.parse({ ...placement, version: placement.version + 1 });
    const overTheVersionRead = {
      ConditionExpression: 'attribute_exists(PK) AND #version = :readVersion',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':readVersion': placement.version },
    };
    return this.writePlacement(saved, entries, overTheVersionRead, () => new StaleVersion(placement.id, placement.version));
  }

  /**
   * Pointers first (a webhook that finds the provider id must find the placement too), then the
   * placement under its condition, then its history, so a lost race leaves no stray entry.
   */
  private async writePlacement(
    placement: Placement,
    entries: HistoryEntry[],
    condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
    refused: () => Error,
  ): Promise<Placement> {
    await this.putPointers(placement);
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: this.placementItem(placement), ...condition }));
    } catch (error) {
      if (isConditionFailure(error)) throw refused();
      throw error;
    }
    await this.appendHistory(entries);
    return placement;
  }

  async appendHistory(entries: HistoryEntry[]): Promise<{ recorded: HistoryEntry[]; duplicates: HistoryEntry[] }> {
    const recorded: HistoryEntry[] = [];
    const duplicates: HistoryEntry[] = [];
    for (const entry of entries) {
      const key = keys.historyKey(entry, this.historyId(Date.parse(entry.at)));
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, entity: entities.history, ...entry },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        recorded.push(entry);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        duplicates.push(entry);
      }
    }
    return { recorded, duplicates };
  }

  async hasProviderEvent(placementId: string, provider: Provider, eventId: string): Promise<boolean> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
        ExpressionAttributeValues: {
          ':pk': keys.placementPartition(placementId),
          ':event': keys.providerEventSortKey(provider, eventId),
        },
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    return (result.Items ?? []).length > 0;
  }

  async get(id: string): Promise<Placement | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.placementKey(id), ConsistentRead: true }),
    );
    return result.Item === undefined ? undefined : placementSchema.parse(result.Item);
  }

  async getWithHistory(id: string): Promise<PlacementWithHistory | undefined> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.placementPartition(id) },
      ConsistentRead: true,
    });
    const placementItem = items.find((item) => item.entity === entities.placement);
    if (placementItem === undefined) return undefined;
    const history = items.filter((item) => item.entity === entities.history).map((item) => historyEntrySchema.parse(item));
    return { placement: placementSchema.parse(placementItem), history: chronological(history) };
  }

  findByEnvelopeId(envelopeId: string): Promise<Placement | undefined> {
    return this.followPointer(keys.envelopeKey(envelopeId), (placement) => placement.contract?.envelopeId === envelopeId);
  }

  findByCheckoutSessionId(checkoutSessionId: string): Promise<Placement | undefined> {
    return this.followPointer(
      keys.checkoutSessionKey(checkoutSessionId),
      (placement) => placement.reserve?.checkoutSessionId === checkoutSessionId,
    );
  }

  findByCertificateId(certificateId: string): Promise<Placement | undefined> {
    return this.followPointer(keys.certificateKey(certificateId), (placement) => placement.certificate?.id === certificateId);
  }

  async listByClient(clientEmail: string): Promise<Placement[]> {
    const index = keys.indexes.byClient;
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.clientPartition(clientEmail) },
      ScanIndexForward: false,
    });
    return items.map((item) => placementSchema.parse(item));
  }

  listByStatus(status: PlacementStatus, page: PageRequest = {}): Promise<Page<Placement>> {
    return this.queryPage('byStatus', keys.statusPartition(status), page, (item) => placementSchema.parse(item));
  }

  listByCertificationWeek(certificationWeek: string, page: PageRequest = {}): Promise<Page<Placement>> {
    return this.queryPage('byCertificationWeek', keys.certificationWeekPartition(certificationWeek), page, (item) =>
      placementSchema.parse(item),
    );
  }

  // --- Staff tokens ---

  async putStaffToken(token: StaffToken): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.staffTokenKey(token.tokenHash), ...keys.staffTokenIndexKeys(token), entity: entities.staffToken, ...token },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new Conflict('This staff token exists.', { reason: 'ALREADY_EXISTS' });
      throw error;
    }
  }

  async getStaffToken(tokenHash: string): Promise<StaffToken | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.staffTokenKey(tokenHash), ConsistentRead: true }),
    );
    return result.Item === undefined ? undefined : staffTokenSchema.parse(result.Item);
  }

  listStaffTokens(page: PageRequest = {}): Promise<Page<StaffToken>> {
    return this.queryPage('staffTokens', keys.STAFF_TOKENS_PARTITION, page, (item) => staffTokenSchema.parse(item));
  }

  async revokeStaffToken(tokenHash: string, revokedAt: string): Promise<StaffToken> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.staffTokenKey(tokenHash),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :revokedAt)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':revokedAt': revokedAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return staffTokenSchema.parse(result.Attributes);
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFound('No such staff token.');
      throw error;
    }
  }

  // --- Idempotency keys ---

  async claimIdempotencyKey(key: string, record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.idempotencyKey(key), entity: entities.idempotency, ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotencyKey(key), ConsistentRead: true }),
    );
    return { claimed: false, existing: idempotencySchema.parse(result.Item) };
  }

  // --- Internals ---

  private placementItem(placement: Placement) {
    return {
      ...keys.placementKey(placement.id),
      ...keys.placementIndexKeys(placement),
      entity: entities.placement,
      ...placement,
    };
  }

  /** The provider-id pointer items this placement needs; idempotent, and refused if the id points elsewhere. */
  private async putPointers(placement: Placement): Promise<void> {
    const pointers: keys.ItemKey[] = [];
    if (placement.contract !== undefined) pointers.push(keys.envelopeKey(placement.contract.envelopeId));
    // A carried-over reserve was paid on the earlier placement; its session stays pointing there.
    if (placement.reserve?.checkoutSessionId !== undefined && placement.reserve.carriedOverFrom === undefined) {
      pointers.push(keys.checkoutSessionKey(placement.reserve.checkoutSessionId));
    }
    if (placement.certificate !== undefined) pointers.push(keys.certificateKey(placement.certificate.id));
    for (const key of pointers) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, entity: entities.pointer, placementId: placement.id },
            ConditionExpression: 'attribute_not_exists(PK) OR placementId = :placementId',
            ExpressionAttributeValues: { ':placementId': placement.id },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new Conflict('This provider id already belongs to another placement.', {
            reason: 'PROVIDER_ID_TAKEN',
            placementId: placement.id,
          });
        }
        throw error;
      }
    }
  }

  /** A pointer may outlive a save that failed after it was written: the placement must agree with it. */
  private async followPointer(key: keys.ItemKey, agrees: (placement: Placement) => boolean): Promise<Placement | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    if (result.Item === undefined) return undefined;
    const placement = await this.get(pointerSchema.parse(result.Item).placementId);
    return placement !== undefined && agrees(placement) ? placement : undefined;
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  private async queryPage<T>(
    indexName: keys.IndexName,
    partition: string,
    page: PageRequest,
    parse: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> {
    const index = keys.indexes[indexName];
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: page.limit ?? defaultPageSize,
        ExclusiveStartKey: page.nextToken === undefined ? undefined : readNextToken(page.nextToken, index, partition),
      }),
    );
    const items = (result.Items ?? []).map(parse);
    return result.LastEvaluatedKey === undefined ? { items } : { items, nextToken: writeNextToken(result.LastEvaluatedKey) };
  }
}

/** The page cursor is DynamoDB's LastEvaluatedKey, base64url-encoded: opaque to callers. */
function writeNextToken(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

/** Accepts only a cursor this listing could have produced; anything else is the caller's mistake. */
function readNextToken(
  token: string,
  index: { partitionKey: string; sortKey: string },
  partition: string,
): Record<string, string> {
  const invalid = new InvalidInput('nextToken is not a token from this listing.', { field: 'nextToken' });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = lastEvaluatedKeySchema.safeParse(decoded);
  if (!parsed.success) throw invalid;
  const expected = [keys.attributes.partitionKey, keys.attributes.sortKey, index.partitionKey, index.sortKey].sort();
  const given = Object.keys(parsed.data).sort();
  const sameShape = expected.length === given.length && expected.every((name, position) => given[position] === name);
  if (!sameShape || parsed.data[index.partitionKey] !== partition) throw invalid;
  return parsed.data;
}
