import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../../lib/table-definition';
import { createDocumentClient } from '../../functions/adapters/dynamodb/document-client';

export interface InMemoryTable {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  stop: () => Promise<void>;
}

/** An in-memory dynalite on a random port with the project's table, created from the same definition as the stack's. */
export async function startInMemoryTable(tableName = 'placements-test'): Promise<InMemoryTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('dynalite is not listening on a TCP port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const documentClient = createDocumentClient({ endpoint });

  await documentClient.send(new CreateTableCommand(createTableInput(tableName)));
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Table } = await documentClient.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return {
    documentClient,
    tableName,
    endpoint,
    stop: async () => {
      documentClient.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
