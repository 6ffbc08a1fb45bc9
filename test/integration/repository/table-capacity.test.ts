import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { readTableCapacity } from '../../../functions/observability/table-capacity';
import { useInMemoryTable } from '../../support/table';

// The request units every table call consumes are added up (they price a placement in `npm run bench`).

const table = useInMemoryTable();

describe('the consumed-capacity meter of the document client', () => {
  it('adds the write units of a put and the read units of a consistent get and a query', async () => {
    const before = readTableCapacity();
    const item = { PK: 'BENCH#meter', SK: 'ITEM', note: 'x'.repeat(1500) };

    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: item }));
    const afterPut = readTableCapacity();
    await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true }));
    await table.documentClient.send(
      new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': item.PK }, ConsistentRead: true }),
    );
    const after = readTableCapacity();

    // A 1.5 KB item: two write units (1 KB each), one strongly consistent read unit (4 KB each) per read.
    expect(afterPut.writeUnits - before.writeUnits).toBe(2);
    expect(after.readUnits - afterPut.readUnits).toBe(2);
    expect(after.requests.PutItem).toBe((before.requests.PutItem ?? 0) + 1);
    expect(after.requests.GetItem).toBe((before.requests.GetItem ?? 0) + 1);
    expect(after.requests.Query).toBe((before.requests.Query ?? 0) + 1);
  });

  it('leaves the caller its own answer: the item read back is the item written', async () => {
    const result = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'BENCH#meter', SK: 'ITEM' } }));

    expect(result.Item?.note).toHaveLength(1500);
  });
});
