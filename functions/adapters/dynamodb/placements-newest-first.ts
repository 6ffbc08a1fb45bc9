import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PlacementsNewestFirst } from '../../application/placements-in-status';
import { placementSchema, type Placement, type PlacementStatus } from '../../domain/schemas';
import * as keys from './keys';

/**
 * The status index (GSI1) read backwards: it sorts a placement by its id, a ULID, so descending is
 * newest first, and "older than the last one shown" is a key condition, not a filter.
 */
export class DynamoPlacementsNewestFirst implements PlacementsNewestFirst {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async newestInStatus(status: PlacementStatus, page: { limit: number; olderThan?: string }): Promise<{ items: Placement[]; more: boolean }> {
    const index = keys.indexes.byStatus;
    const { olderThan } = page;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: olderThan === undefined ? '#status = :status' : '#status = :status AND #placement < :olderThan',
        ExpressionAttributeNames: { '#status': index.partitionKey, ...(olderThan === undefined ? {} : { '#placement': index.sortKey }) },
        ExpressionAttributeValues: {
          ':status': keys.statusPartition(status),
          // The status index sorts a placement by the same value as its own partition key (placementIndexKeys).
          ...(olderThan === undefined ? {} : { ':olderThan': keys.placementPartition(olderThan) }),
        },
        ScanIndexForward: false,
        Limit: page.limit,
      }),
    );
    return { items: (result.Items ?? []).map((item) => placementSchema.parse(item)), more: result.LastEvaluatedKey !== undefined };
  }
}
