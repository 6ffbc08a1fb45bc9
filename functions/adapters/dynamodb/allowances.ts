import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Allowances } from '../../application/ports';
import { isConditionFailure } from './conditions';
import * as keys from './keys';


/** Per-placement counters: one conditional ADD each, so concurrent callers never pass the limit together. */
export class DynamoAllowances implements Allowances {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(placementId: string, counter: string, limit: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.allowanceKey(placementId, counter),
          UpdateExpression: 'SET entity = :entity ADD opened :one',
          ConditionExpression: 'attribute_not_exists(opened) OR opened < :limit',
          ExpressionAttributeValues: { ':entity': 'Allowance', ':one': 1, ':limit': limit },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async giveBack(placementId: string, counter: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.allowanceKey(placementId, counter),
        UpdateExpression: 'ADD opened :minusOne',
        ConditionExpression: 'opened > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    ).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  }
}
