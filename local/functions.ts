import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { functions as functionSpecs, type FunctionSpec } from '../lib/manifest';
import type { ActivityTracker } from './activity';
import { localAccountId, localRegion } from './arns';
import { repositoryRoot } from './paths';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export function functionArn(name: string): string {
  return `arn:aws:lambda:${localRegion}:${localAccountId}:function:${name}`;
}

/** What a Lambda reports when a function throws: `errorType` is the error's name, as in the Node.js runtime. */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: string[],
  ) {
    super(errorMessage);
    this.name = errorType;
  }

  static from(error: unknown): FunctionError {
    if (error instanceof FunctionError) return error;
    if (error instanceof Error) return new FunctionError(error.name, error.message, (error.stack ?? '').split('\n'));
    return new FunctionError('Error', String(error), []);
  }
}

/** How often a function ran and for how long (wall time of its handler), with its configured memory. */
export interface FunctionInvocations {
  count: number;
  totalMs: number;
  memoryMb: number;
}

/**
 * The manifest's functions, imported in-process and invoked like Lambda invokes them: an event, a
 * Lambda context, the result serialized as JSON. Every invocation counts as work in flight, and is
 * counted with its duration (the Lambda bill of `npm run bench`).
 */
export class LocalFunctions {
  private readonly runs = new Map<string, { count: number; totalMs: number }>();

  private constructor(
    private readonly handlers: Map<string, { handler: LambdaHandler; timeoutSeconds: number; memoryMb: number }>,
    private readonly activity: ActivityTracker,
  ) {}

  /** Imports every handler named in the manifest, plus any extra (test fixture) handlers. */
  static async load(activity: ActivityTracker, extra: Record<string, LambdaHandler> = {}): Promise<LocalFunctions> {
    const handlers = new Map<string, { handler: LambdaHandler; timeoutSeconds: number; memoryMb: number }>();
    const specs: Record<string, FunctionSpec> = functionSpecs;
    for (const [name, spec] of Object.entries(specs)) {
      const handler = await importHandler(spec.entry);
      handlers.set(name, { handler, timeoutSeconds: spec.timeoutSeconds ?? 10, memoryMb: spec.memoryMb ?? 512 });
    }
    for (const [name, handler] of Object.entries(extra)) handlers.set(name, { handler, timeoutSeconds: 10, memoryMb: 128 });
    return new LocalFunctions(handlers, activity);
  }

  /** Invocations so far by function name (functions never invoked are absent). */
  invocations(): Record<string, FunctionInvocations> {
    const counted: Record<string, FunctionInvocations> = {};
    for (const [name, run] of this.runs) counted[name] = { ...run, memoryMb: this.handlers.get(name)?.memoryMb ?? 512 };
    return counted;
  }

  names(): string[] {
    return [...this.handlers.keys()];
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  /** A function name from what Lambda accepts as FunctionName: name, partial ARN or full ARN (qualifier ignored). */
  resolve(nameOrArn: string): string | undefined {
    const match = /^(?:arn:aws:lambda:[^:]+:\d{12}:function:|\d{12}:function:|function:)?([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/.exec(nameOrArn);
    const name = match?.[1];
    return name !== undefined && this.handlers.has(name) ? name : undefined;
  }

  /** Invokes a function; its result comes back as it would through JSON, or a FunctionError is thrown. */
  async invoke(name: string, event: unknown): Promise<unknown> {
    const entry = this.handlers.get(name);
    if (!entry) throw new FunctionError('ResourceNotFoundException', `Function not found: ${functionArn(name)}`, []);
    return this.activity.track(async () => {
      const startedAt = Date.now();
      const requestId = randomUUID();
      const context: Context = {
        callbackWaitsForEmptyEventLoop: true,
        functionName: name,
        functionVersion: '$LATEST',
        invokedFunctionArn: functionArn(name),
        memoryLimitInMB: String(entry.memoryMb),
        awsRequestId: requestId,
        logGroupName: `/aws/lambda/${name}`,
        logStreamName: `local/${requestId}`,
        getRemainingTimeInMillis: () => Math.max(0, startedAt + entry.timeoutSeconds * 1000 - Date.now()),
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
      };
      const measuredFrom = performance.now();
      try {
        const result = await entry.handler(structuredClone(event), context);
        return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
      } catch (error) {
        throw FunctionError.from(error);
      } finally {
        const run = this.runs.get(name) ?? { count: 0, totalMs: 0 };
        run.count += 1;
        run.totalMs += performance.now() - measuredFrom;
        this.runs.set(name, run);
      }
    });
  }
}

/**
 * A handler module that fails to load does not stop the system (the others keep working while one
 * is being changed): it is reported, and each invocation fails as Lambda's would.
 */
async function importHandler(entry: string): Promise<LambdaHandler> {
  let failure: string;
  try {
    const module: unknown = await import(pathToFileURL(path.join(repositoryRoot, entry)).href);
    const handler: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'handler') : undefined;
    if (typeof handler === 'function') return handler as LambdaHandler;
    failure = `${entry} does not export a handler function.`;
  } catch (error) {
    failure = `${entry} could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
  console.error(`Warning: ${failure}`);
  return () => {
    throw new FunctionError('Runtime.ImportModuleError', failure, []);
  };
}
