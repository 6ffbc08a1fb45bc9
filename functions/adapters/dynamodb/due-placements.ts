import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DuePlacements } from '../../application/ports';
import { placementSchema, type Placement } from '../../domain/schemas';
import * as keys from './keys';

/** The due index (GSI4) over placements: one Query per page, reading only the items that are due. */
export class DynamoDuePlacements implements DuePlacements {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *placementsDue(work: 'CHECK_IN' | 'EXAM_RESULT', by: string): AsyncIterable<Placement> {
    const index = keys.indexes.byDueDate;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#work = :work AND #due <= :by',
          ExpressionAttributeNames: { '#work': index.partitionKey, '#due': index.sortKey },
          ExpressionAttributeValues: { ':work': keys.duePartition(work), ':by': keys.dueBy(by) },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) yield placementSchema.parse(item);
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
}
