import net from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { startDynamoDbThread } from '../../../local/dynamodb-thread';
import { PortInUseError } from '../../../local/http';

// `npm start` runs dynalite on a thread of its own: the same table over the same HTTP, and a taken
// port still named as such.

describe('dynalite on its own thread', () => {
  it('serves the table to a real SDK client, and stops', async () => {
    const dynamodb = await startDynamoDbThread({ port: 0, tableName: 've-thread-test' });
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamodb.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    try {
      await client.send(new PutCommand({ TableName: 've-thread-test', Item: { PK: 'PLACEMENT#p-1', SK: 'PLACEMENT', name: 'Zoë Ångström' } }));
      const read = await client.send(new GetCommand({ TableName: 've-thread-test', Key: { PK: 'PLACEMENT#p-1', SK: 'PLACEMENT' }, ConsistentRead: true }));
      expect(read.Item?.name).toBe('Zoë Ångström');
    } finally {
      client.destroy();
      await dynamodb.stop();
    }
    await expect(fetch(dynamodb.url)).rejects.toThrow();
  });

  it('names a taken port and the variable that moves it', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      await expect(startDynamoDbThread({ port, tableName: 've-thread-test' })).rejects.toThrow(PortInUseError);
    } finally {
      taken.close();
    }
  });
});
