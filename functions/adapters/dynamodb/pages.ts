import type { QueryCommandInput, QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Page, PageRequest } from '../../application/ports';
import { InvalidInput } from '../../domain/errors';
import * as keys from './keys';

/** Listings a page at a time: one partition of an index, with DynamoDB's LastEvaluatedKey as the opaque next token. */

export const defaultPageSize = 25;

// zod/mini: the staff credentials' listing pages too, in functions that load nothing else of zod.
const lastEvaluatedKeySchema = z.record(z.string(), z.string().check(z.minLength(1), z.maxLength(1024)));

export interface IndexPartition {
  tableName: string;
  index: { name: string; partitionKey: string; sortKey: string };
  partition: string;
  /** Descending by the index's sort key (newest first when it sorts by time). */
  newestFirst?: boolean;
}

/**
 * One page of an index partition. The caller sends the Query with its own client, so that what a
 * repository method sends stays visible in the repository (test/infra/table-calls.ts reads it there).
 */
export async function queryPage<T>(
  query: (input: QueryCommandInput) => Promise<Pick<QueryCommandOutput, 'Items' | 'LastEvaluatedKey'>>,
  target: IndexPartition,
  page: PageRequest,
  parse: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const { index, partition } = target;
  const result = await query({
    TableName: target.tableName,
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': partition },
    ...(target.newestFirst === true ? { ScanIndexForward: false } : {}),
    Limit: page.limit ?? defaultPageSize,
    ExclusiveStartKey: page.nextToken === undefined ? undefined : readNextToken(page.nextToken, index, partition),
  });
  const items = (result.Items ?? []).map(parse);
  return result.LastEvaluatedKey === undefined ? { items } : { items, nextToken: writeNextToken(result.LastEvaluatedKey) };
}

/** The page cursor is DynamoDB's LastEvaluatedKey, base64url-encoded: opaque to callers. */
export function writeNextToken(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

/** Accepts only a cursor this listing could have produced; anything else is the caller's mistake. */
export function readNextToken(
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
  // A local index shares the table's partition key: a cursor names it once.
  const expected = [...new Set([keys.attributes.partitionKey, keys.attributes.sortKey, index.partitionKey, index.sortKey])].sort();
  const given = Object.keys(parsed.data).sort();
  const sameShape = expected.length === given.length && expected.every((name, position) => given[position] === name);
  if (!sameShape || parsed.data[index.partitionKey] !== partition) throw invalid;
  return parsed.data;
}
