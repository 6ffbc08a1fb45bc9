import path from 'node:path';
import { parseArgs } from 'node:util';
import { PortInUseError } from '../local/http';
import { startLocalSystem } from '../local/system';

const usage = `Usage: npm start -- [--now <ISO-8601 instant>] [--memory] [--data-dir <folder>]
  --now       where the virtual clock starts (or LOCAL_NOW); default: where the last run stopped, else the real now
  --memory    keep DynamoDB in memory (a throwaway run); default: persisted in .local-data/
  --data-dir  where to persist (or LOCAL_DATA_DIR); default: .local-data/
  PORT       the API's port (default 3000); the other parts take PORT+1 … PORT+4`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        now: { type: 'string' },
        memory: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const nowText = values.now ?? process.env.LOCAL_NOW;
  const now = nowText === undefined ? undefined : new Date(nowText);
  if (now !== undefined && Number.isNaN(now.getTime())) fail(`--now/LOCAL_NOW "${nowText}" is not an ISO-8601 instant, e.g. 2025-03-03T15:00:00Z.`);
  const portText = process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65530) fail(`PORT "${portText}" is not a port number (1–65530).`);
  const dataDirectory = values['data-dir'] ?? process.env.LOCAL_DATA_DIR;
  return { now, port, memory: values.memory, tableThread: true, ...(dataDirectory === undefined ? {} : { dataDirectory: path.resolve(dataDirectory) }) };
}

const options = readOptions();
const startedAt = performance.now();
let system;
try {
  system = await startLocalSystem(options);
} catch (error) {
  if (error instanceof PortInUseError) fail(error.message);
  throw error;
}
const { banner } = await import('../local/banner');
console.log(banner(system, process.env.STAFF_TOKEN ?? ''));
console.log(`Started in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);

const running = system;
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Could not stop cleanly:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
