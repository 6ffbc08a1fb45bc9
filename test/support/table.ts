import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../functions/adapters/dynamodb/placement-repository';
import { startDynamoDb } from '../../local/dynamodb';
import { closeServer } from '../../local/http';

export interface InMemoryTable {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  stop: () => Promise<void>;
}

/** The local runtime's DynamoDB, in memory on a random port, with the project's table (the stack's definition). */
export async function startInMemoryTable(tableName = 'placements-test'): Promise<InMemoryTable> {
  const dynamodb = await startDynamoDb({ port: 0, tableName });
  const documentClient = createDocumentClient({ endpoint: dynamodb.url });
  return {
    documentClient,
    tableName,
    endpoint: dynamodb.url,
    stop: async () => {
      documentClient.destroy();
      await closeServer(dynamodb.server);
    },
  };
}

export type TableInUse = Omit<InMemoryTable, 'stop'> & { repository: DynamoPlacementRepository };

/**
 * A test file's own table: registers a beforeAll that starts it and an afterAll that stops it.
 * Read it inside tests and later hooks; a file's own beforeAll runs after this one.
 */
export function useInMemoryTable(tableName?: string): TableInUse {
  let started: { table: InMemoryTable; repository: DynamoPlacementRepository } | undefined;

  beforeAll(async () => {
    const table = await startInMemoryTable(tableName);
    started = { table, repository: new DynamoPlacementRepository(table.documentClient, table.tableName) };
  });

  afterAll(async () => {
    await started?.table.stop();
  });

  const current = () => {
    if (started === undefined) throw new Error('The table is started in beforeAll: read it inside a test or a later hook');
    return started;
  };
  return {
    get documentClient() {
      return current().table.documentClient;
    },
    get tableName() {
      return current().table.tableName;
    },
    get endpoint() {
      return current().table.endpoint;
    },
    get repository() {
      return current().repository;
    },
  };
}
