import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * One structured JSON line per event, naming the function and the request that wrote it. Fields carry
 * ids, never emails, phone numbers or tokens. Hand-rolled rather than Powertools: it is on every cold
 * start, and a line of JSON is all it has to do (Powertools alone cost ~9 ms of import).
 *
 * The level is `LOG_LEVEL` (DEBUG, INFO, WARN, ERROR, SILENT), else Lambda's own log-level control
 * (`AWS_LAMBDA_LOG_LEVEL`), else INFO; it is read on each line, so a test or the local runtime may set it late.
 */

const levels = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = Exclude<keyof typeof levels, 'SILENT'>;
type Fields = Record<string, unknown>;

interface Invocation {
  functionName: string;
  requestId: string;
  keys: Fields;
}

const invocations = new AsyncLocalStorage<Invocation>();
/** Keys appended outside any invocation (at load); every line carries them. */
const processKeys: Fields = {};

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase();
  return configured in levels ? levels[configured as keyof typeof levels] : levels.INFO;
}

/** An Error as JSON can carry it (JSON.stringify of an Error is `{}`). */
function serializable(value: unknown): unknown {
  if (value instanceof Error) {
    const cause = value.cause === undefined ? {} : { cause: serializable(value.cause) };
    return { name: value.name, message: value.message, stack: value.stack, ...cause };
  }
  return value;
}

function write(level: Level, message: string, fields: Fields | undefined): void {
  if (levels[level] < threshold()) return;
  const invocation = invocations.getStore();
  const line: Fields = {
    level,
    message,
    timestamp: new Date().toISOString(),
    service: 've-certification',
    function_name: invocation?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME,
    ...(invocation === undefined ? {} : { function_request_id: invocation.requestId }),
    ...processKeys,
    ...invocation?.keys,
  };
  for (const [key, value] of Object.entries(fields ?? {})) line[key] = serializable(value);
  const text = `${JSON.stringify(line)}\n`;
  if (levels[level] >= levels.WARN) process.stderr.write(text);
  else process.stdout.write(text);
}

export const logger = {
  debug: (message: string, fields?: Fields) => write('DEBUG', message, fields),
  info: (message: string, fields?: Fields) => write('INFO', message, fields),
  warn: (message: string, fields?: Fields) => write('WARN', message, fields),
  error: (message: string, fields?: Fields) => write('ERROR', message, fields),
  /** Keys on every later line of this invocation (or, outside one, of the process). */
  appendKeys(keys: Fields): void {
    Object.assign(invocations.getStore()?.keys ?? processKeys, keys);
  },
};

/**
 * A Lambda handler whose log lines name the function and the request, with keys appended during one
 * invocation kept to it (the local runtime runs many functions, and invocations, in one process).
 */
export function loggedHandler<E, R>(fn: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return (event, context) => {
    // Tests and scripts may call a handler without a context.
    const lambda = context as Context | undefined;
    const functionName = lambda?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
    return invocations.run({ functionName, requestId: lambda?.awsRequestId ?? 'none', keys: {} }, () => fn(event, context));
  };
}
