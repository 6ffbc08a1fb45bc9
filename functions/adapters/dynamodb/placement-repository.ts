import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type PutCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import * as z from 'zod/mini';
import { Conflict, StaleVersion } from '../../domain/errors';
import type {
  IdempotencyRecord,
  IdempotencyStore,
  Page,
  PageRequest,
  PlacementRepository,
  PlacementWithHistory,
} from '../../application/ports';
import {
  historyEntrySchema,
  placementSchema,
  type HistoryEntry,
  type Placement,
  type PlacementStatus,
  type Provider,
} from '../../domain/schemas';
import { isConditionFailure } from './conditions';
import * as keys from './keys';
import { queryPage, readNextToken, writeNextToken } from './pages';
import { DynamoStaffCredentials } from './staff-credentials';

const entities = {
  placement: 'Placement',
  history: 'History',
  pointer: 'Pointer',
  idempotency: 'Idempotency',
} as const;

const pointerSchema = z.object({ placementId: z.string().check(z.minLength(1)) });
const idempotencySchema = z.object({ fingerprint: z.string().check(z.minLength(1)), placementId: z.string().check(z.minLength(1)) });

const defaultHistoryPageSize = 100;

/** A history entry as its own item: its keys, its place in the time index, the entry. */
type HistoryItem = Record<string, unknown> & keys.ItemKey;
const journalSchema = z.array(z.looseObject({ PK: z.string().check(z.minLength(1)), SK: z.string().check(z.minLength(1)) }));


/**
 * The placement table through the document client: only GetItem, Query and single-item conditional
 * writes. The staff tokens and sessions it serves too come from DynamoStaffCredentials.
 */
export class DynamoPlacementRepository extends DynamoStaffCredentials implements PlacementRepository, IdempotencyStore {
  private readonly historyId = monotonicFactory();

  async create(placement: Placement, entries: HistoryEntry[]): Promise<Placement> {
    // Only what can be read back is written: a placement that fails its own schema would break every later read.
    const created = placementSchema.parse({ ...placement, version: 1 });
    return this.writePlacement(created, entries, { ConditionExpression: 'attribute_not_exists(PK)' }, () =>
      new Conflict('A placement with this id exists.', { reason: 'ALREADY_EXISTS', placementId: placement.id }),
    );
  }

  async save(placement: Placement, entries: HistoryEntry[], read?: Placement): Promise<Placement> {
    const saved = placementSchema.parse({ ...placement, version: placement.version + 1 });
    const overTheVersionRead = {
      ConditionExpression: 'attribute_exists(PK) AND #version = :readVersion',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':readVersion': placement.version },
    };
    return this.writePlacement(saved, entries, overTheVersionRead, () => new StaleVersion(placement.id, placement.version), read);
  }

  /**
   * Pointers first (a webhook that finds the provider id must find the placement too), then the
   * placement under its condition, carrying this write's history entries with it (`pendingHistory`),
   * then the history items, then the journal is cleared. DynamoDB has no multi-item atomic write that
   * the local stand-in also has, so the one atomic write, the placement's, holds the entries until they
   * are safely their own items: a crash between the writes leaves them in the journal, and the next
   * read of the placement writes them out (`get` repairs). A lost race leaves no stray entry.
   */
  private async writePlacement(
    placement: Placement,
    entries: HistoryEntry[],
    condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
    refused: () => Error,
    read?: Placement,
  ): Promise<Placement> {
    await this.putPointers(placement, read);
    const journal = entries.map((entry) => this.historyItem(entry));
    // A journal not yet written out (its writer crashed) must not be overwritten by the next write.
    const guarded = { ...condition, ConditionExpression: `(${condition.ConditionExpression}) AND attribute_not_exists(pendingHistory)` };
    const put = () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.placementItem(placement), ...(journal.length === 0 ? {} : { pendingHistory: journal }) },
          ...guarded,
        }),
      );
    try {
      await put();
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Either someone saved first, or a crashed writer left its journal: write that out, then decide.
      const repaired = await this.get(placement.id);
      if (repaired === undefined || repaired.version !== placement.version - 1) throw refused();
      try {
        await put();
      } catch (retryError) {
        if (isConditionFailure(retryError)) throw refused();
        throw retryError;
      }
    }
    if (journal.length > 0) await this.writeOutJournal(placement.id, placement.version, journal);
    return placement;
  }

  /** Writes the journal's entries as history items (idempotently) and clears it, if still at that version. */
  private async writeOutJournal(placementId: string, version: number, journal: HistoryItem[]): Promise<void> {
    await this.putHistoryItems(journal);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.placementKey(placementId),
          UpdateExpression: 'REMOVE pendingHistory',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': version },
        }),
      );
    } catch (error) {
      // A later write has replaced it (after writing it out, since its condition required that).
      if (!isConditionFailure(error)) throw error;
    }
  }

  async appendHistory(entries: HistoryEntry[]): Promise<{ recorded: HistoryEntry[]; duplicates: HistoryEntry[] }> {
    const written = await this.putHistoryItems(entries.map((entry) => this.historyItem(entry)));
    return {
      recorded: entries.filter((_entry, index) => written[index]),
      duplicates: entries.filter((_entry, index) => !written[index]),
    };
  }

  /** Conditional puts: an item already there (a replayed provider event, a journal written twice) is left as it is. */
  private async putHistoryItems(items: HistoryItem[]): Promise<boolean[]> {
    const written: boolean[] = [];
    for (const item of items) {
      try {
        await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
        written.push(true);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        written.push(false);
      }
    }
    return written;
  }

  private historyItem(entry: HistoryEntry): HistoryItem {
    const writeOrderId = this.historyId(Date.parse(entry.at));
    return {
      ...keys.historyKey(entry, writeOrderId),
      ...keys.historyTimeKey(entry, writeOrderId),
      entity: entities.history,
      ...historyEntrySchema.parse(entry),
    };
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

  /** Strongly consistent; writes out a journal a crashed writer left (see writePlacement). */
  async get(id: string): Promise<Placement | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.placementKey(id), ConsistentRead: true }),
    );
    if (result.Item === undefined) return undefined;
    const placement = placementSchema.parse(result.Item);
    const journal = journalSchema.safeParse(result.Item.pendingHistory);
    if (journal.success && journal.data.length > 0) await this.writeOutJournal(id, placement.version, journal.data as HistoryItem[]);
    return placement;
  }

  async getWithHistory(id: string, page: PageRequest = {}): Promise<PlacementWithHistory | undefined> {
    const placement = await this.get(id);
    if (placement === undefined) return undefined;
    const history = await this.listHistory(id, page);
    return { placement, history: history.items, ...(history.nextToken === undefined ? {} : { historyNextToken: history.nextToken }) };
  }

  /** Oldest first, through the history-by-time index, a page at a time. */
  async listHistory(placementId: string, page: PageRequest = {}): Promise<Page<HistoryEntry>> {
    const partition = keys.placementPartition(placementId);
    const index = { partitionKey: keys.attributes.partitionKey, sortKey: keys.historyIndex.sortKey };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: keys.historyIndex.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ConsistentRead: true,
        Limit: page.limit ?? defaultHistoryPageSize,
        ExclusiveStartKey: page.nextToken === undefined ? undefined : readNextToken(page.nextToken, index, partition),
      }),
    );
    const items = (result.Items ?? []).map((item) => historyEntrySchema.parse(item));
    return result.LastEvaluatedKey === undefined ? { items } : { items, nextToken: writeNextToken(result.LastEvaluatedKey) };
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

  findByPaymentIntentId(paymentIntentId: string): Promise<Placement | undefined> {
    return this.followPointer(keys.paymentIntentKey(paymentIntentId), (placement) => placement.reserve?.paymentIntentId === paymentIntentId);
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

  /**
   * The provider-id pointer items this placement needs, but not those the version read already had
   * (pointers are never deleted, and re-writing them would cost a write each on every save);
   * idempotent, and refused if the id points elsewhere.
   */
  private async putPointers(placement: Placement, read?: Placement): Promise<void> {
    const had = new Set(read === undefined ? [] : pointerKeysOf(read).map((key) => `${key.PK}|${key.SK}`));
    for (const key of pointerKeysOf(placement).filter((pointer) => !had.has(`${pointer.PK}|${pointer.SK}`))) {
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

  private queryPage<T>(
    indexName: keys.IndexName,
    partition: string,
    page: PageRequest,
    parse: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> {
    const target = { tableName: this.tableName, index: keys.indexes[indexName], partition };
    return queryPage((input) => this.client.send(new QueryCommand(input)), target, page, parse);
  }
}

/** The provider ids a placement is found by: each has a pointer item. */
function pointerKeysOf(placement: Placement): keys.ItemKey[] {
  const pointers: keys.ItemKey[] = [];
  if (placement.contract !== undefined) pointers.push(keys.envelopeKey(placement.contract.envelopeId));
  // A carried-over reserve was paid on the earlier placement; its session stays pointing there.
  if (placement.reserve?.checkoutSessionId !== undefined && placement.reserve.carriedOverFrom === undefined) {
    pointers.push(keys.checkoutSessionKey(placement.reserve.checkoutSessionId));
  }
  if (placement.reserve?.paymentIntentId !== undefined) pointers.push(keys.paymentIntentKey(placement.reserve.paymentIntentId));
  if (placement.certificate !== undefined) pointers.push(keys.certificateKey(placement.certificate.id));
  return pointers;
}
