import { parentPort, workerData } from 'node:worker_threads';
import { startDynamoDb } from './dynamodb';
import type { DynamoDbThreadMessage, DynamoDbThreadOptions } from './dynamodb-thread';
import { closeServer, PortInUseError } from './http';

// The body of the DynamoDB thread (local/dynamodb-thread.ts starts it).

if (parentPort === null) throw new Error('local/dynamodb-thread-entry.ts runs as a worker thread only.');
const port = parentPort;
const send = (message: DynamoDbThreadMessage) => port.postMessage(message);

try {
  const dynamodb = await startDynamoDb(workerData as DynamoDbThreadOptions);
  port.once('message', () => {
    void closeServer(dynamodb.server).finally(() => {
      send({ closed: true });
      port.close();
    });
  });
  send({ started: dynamodb.url });
} catch (error) {
  send({
    failed: error instanceof Error ? error.message : String(error),
    ...(error instanceof PortInUseError ? { portInUse: { port: error.port, service: error.service } } : {}),
  });
  port.close();
}
