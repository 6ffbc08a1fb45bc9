import { Worker } from 'node:worker_threads';
import { PortInUseError } from './http';

/**
 * dynalite on a thread of its own: the handlers, the Step Functions service and the gateway keep the
 * main thread busy, and the table's work (request parsing, conditions, the in-memory store) then runs
 * beside them on the machine's second core. Still one process, reached over HTTP as before.
 */

export interface DynamoDbThreadOptions {
  port: number;
  directory?: string;
  tableName: string;
}

export type DynamoDbThreadMessage = { started: string } | { failed: string; portInUse?: { port: number; service: string } } | { closed: true };

export interface DynamoDbThread {
  url: string;
  stop(): Promise<void>;
}

export async function startDynamoDbThread(options: DynamoDbThreadOptions): Promise<DynamoDbThread> {
  // Its own loader: the thread runs TypeScript whether the parent runs under tsx or under vitest.
  const worker = new Worker(new URL('./dynamodb-thread-entry.ts', import.meta.url), { workerData: options, execArgv: ['--import', 'tsx'] });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const message = await new Promise<DynamoDbThreadMessage>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    void exited.then(() => reject(new Error('The DynamoDB thread stopped before it started.')));
  });
  if (!('started' in message)) {
    await worker.terminate();
    if ('portInUse' in message && message.portInUse !== undefined) throw new PortInUseError(message.portInUse.port, message.portInUse.service);
    throw new Error('failed' in message ? message.failed : 'The DynamoDB thread answered out of turn.');
  }
  return {
    url: message.started,
    stop: async () => {
      worker.postMessage('close');
      // Closed servers end the thread; one that hangs is ended after a grace period.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await worker.terminate();
    },
  };
}
