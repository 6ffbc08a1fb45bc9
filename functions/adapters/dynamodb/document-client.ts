import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordConsumedCapacity, type ConsumedUnits } from '../../observability/table-capacity';

/**
 * The document client, built once per module by each handler. The endpoint comes from the SDK's own
 * configuration (e.g. AWS_ENDPOINT_URL_DYNAMODB for the local runtime), so nothing here knows it is local.
 * Every request asks for its consumed capacity, which is added up for the cost figures.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient(config);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedUnits | ConsumedUnits[] };
      recordConsumedCapacity(String(context.commandName ?? 'Unknown').replace(/Command$/, ''), output.ConsumedCapacity);
      return result;
    },
    { step: 'initialize', name: 'consumedCapacityMeter' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
