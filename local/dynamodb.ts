import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type http from 'node:http';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createTableInput } from '../lib/table-definition';
import { listen, localUrl } from './http';

type DynaliteFactory = (options: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => http.Server;

const require = createRequire(import.meta.url);

type MemoryLevelClass = new (options?: Record<string, unknown>) => object;

let memoryStoreHoldsStrings = false;

/**
 * dynalite's in-memory store keeps each value as a small Buffer: each one pins a slice of Node's
 * shared 8 KB buffer pool, so a run's memory grew by about 1 MB per placement. Stored as strings,
 * the values take only their own size. Patched before dynalite loads, which reads the class once.
 */
function storeInMemoryAsStrings(): void {
  if (memoryStoreHoldsStrings) return;
  const memoryLevel = require('memory-level') as { MemoryLevel: MemoryLevelClass };
  const Original = memoryLevel.MemoryLevel;
  memoryLevel.MemoryLevel = class StringMemoryLevel extends Original {
    constructor(options: Record<string, unknown> = {}) {
      super({ storeEncoding: 'utf8', ...options });
    }
  };
  memoryStoreHoldsStrings = true;
}

function loadDynalite(): DynaliteFactory {
  storeInMemoryAsStrings();
  const factory: unknown = require('dynalite');
  if (typeof factory !== 'function') throw new Error('dynalite did not export a server factory.');
  return factory as DynaliteFactory;
}

export interface LocalDynamoDb {
  server: http.Server;
  url: string;
}

/** dynalite on `port`, persisted under `directory` (in memory without one), with the project's table. */
export async function startDynamoDb(options: { port: number; directory?: string; tableName: string }): Promise<LocalDynamoDb> {
  if (options.directory) mkdirSync(options.directory, { recursive: true });
  // Tables become ACTIVE at once: there is nothing to wait for locally.
  const server = loadDynalite()({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, options.port, 'DynamoDB, PORT+1');
  const url = localUrl(port);
  await ensureTable(url, options.tableName);
  return { server, url };
}

async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } finally {
    client.destroy();
  }
}
