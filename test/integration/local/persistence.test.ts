import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startLocalSystem, type LocalSystem } from '../../../local/system';

// `npm start` keeps its data across restarts: DynamoDB is persisted under the data directory.

const dataDirectory = mkdtempSync(path.join(tmpdir(), 've-local-data-'));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let running: LocalSystem | undefined;

async function withSystem<T>(work: (system: LocalSystem) => Promise<T>): Promise<T> {
  running = await startLocalSystem({ port: 0, dataDirectory, scheduler: false });
  try {
    return await work(running);
  } finally {
    await running.stop();
    running = undefined;
  }
}

afterAll(async () => {
  await running?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

it('keeps the table and its items when the system is stopped and started again', async () => {
  const key = { PK: { S: 'PLACEMENT#persisted' }, SK: { S: 'PLACEMENT' } };
  await withSystem(async (system) => {
    const dynamodb = new DynamoDBClient({ endpoint: system.endpoints.dynamodb, region: 'us-east-1', credentials });
    await dynamodb.send(new PutItemCommand({ TableName: system.tableName, Item: { ...key, status: { S: 'SELECTED' } } }));
    dynamodb.destroy();
  });

  const item = await withSystem(async (system) => {
    const dynamodb = new DynamoDBClient({ endpoint: system.endpoints.dynamodb, region: 'us-east-1', credentials });
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: system.tableName, Key: key, ConsistentRead: true }));
    dynamodb.destroy();
    return Item;
  });

  expect(item?.status).toEqual({ S: 'SELECTED' });
});
