import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ActivityTracker } from './activity';
import { stateMachineArn } from './arns';
import { VirtualClock } from './clock';
import type { LocalEndpoints } from './config';
import type { ControlApiOptions } from './control';
import type { LambdaHandler, LocalFunctions } from './functions';
import { closeServer, HoldingServer, listen, localUrl } from './http';
import { defaultDataDirectory, repositoryRoot } from './paths';
import type { schedules as manifestSchedules } from '../lib/manifest';
import type { LocalSchedule } from './scheduler';
import { ensureLocalAdminToken } from './staff-token';
import type { StepFunctionsEngine } from './stepfunctions-engine';
import type { LocalStateMachineSpec } from './stepfunctions-types';

// Each part imports its modules as it starts: after the virtual clock is installed and, for the
// handlers, once their env is set. Imported here: only what needs neither.

export interface LocalSystemOptions {
  /** The gateway's port; the other parts take the next four (0: every part on a random port). Default 3000. */
  port?: number;
  /** Where the virtual clock starts. Default: where the last persisted run stopped, else the real now. */
  now?: Date;
  /** In-memory DynamoDB (a throwaway run, tests). Default: persisted under `dataDirectory`. */
  memory?: boolean;
  dataDirectory?: string;
  /** Fire the manifest's schedules (true), none (false), or only those named (a test that needs one). Default true. */
  scheduler?: boolean | readonly (keyof typeof manifestSchedules)[];
  /** Extra state machines (test fixtures), next to the manifest's. */
  stateMachines?: LocalStateMachineSpec[];
  /**
   * dynalite on a thread of its own, beside the handlers on the main thread (`npm start`: a system
   * under load uses a second core). Default false: a test's system starts ~0.5 s sooner without it.
   */
  tableThread?: boolean;
  /** Extra in-process functions (test fixtures) that fixtures' substitutions may name. */
  functions?: Record<string, LambdaHandler>;
}

/** What this runtime serves, for the parity test and for inspection. */
export interface LocalSystemDescription {
  routes: { method: string; path: string; function: string; auth: string }[];
  /** The function authorizing `staff` routes. */
  authorizer: string;
  schedules: LocalSchedule[];
  stateMachines: { name: string; arn: string; substitutions: Record<string, string>; definition: string }[];
  /** The rules on executions' status changes: which state machine, which statuses, which function. */
  eventRules: { name: string; stateMachineArn: string; statuses: readonly string[]; function: string }[];
}

export interface LocalSystem {
  /** The API (gateway) base URL, also the control API's under /_local/. */
  baseUrl: string;
  endpoints: LocalEndpoints;
  /** aws-ses-v2-local's web viewer of every email sent. */
  sesViewerUrl: string;
  clock: VirtualClock;
  tableName: string;
  /** ARN of each state machine by name (`placementLifecycle`, fixtures). */
  stateMachineArns: Record<string, string>;
  dataDirectory: string | undefined;
  describe(): LocalSystemDescription;
  stop(): Promise<void>;
}

/**
 * Starts the whole system in this process, part by part: the virtual clock first (it patches Date
 * and timers before anything else loads), then DynamoDB, SES, the Step Functions service, the
 * gateway, the provider sandboxes and the scheduler, with the handlers imported once their env is
 * set. Stopping stops the parts in reverse order. One per process.
 */
export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const dataDirectory = options.memory ? undefined : (options.dataDirectory ?? defaultDataDirectory);
  const parts = new StartedParts();
  const activity = new ActivityTracker();
  const clock = installClock(parts, activity, options.now, dataDirectory);
  const started = new Started();
  try {
    const config = await import('./config');
    const ports = portsFrom(options.port ?? 3000);
    const dynamodb = await runDynamoDb(parts, ports.dynamodb, dataDirectory, config.localTableName, options.tableThread === true);
    const ses = await runSes(parts, ports.ses);
    // Listen first, wire later: the handlers' env needs every URL before they are imported. Until
    // its handler is wired, each server holds the requests it receives.
    const gateway = await listenOn(parts, ports.gateway, 'API gateway, PORT');
    const stepFunctions = await listenOn(parts, ports.stepfunctions, 'Step Functions, PORT+3');
    const sandbox = await listenOn(parts, ports.sandbox, 'DocuSign and billing sandboxes, PORT+4');
    const endpoints: LocalEndpoints = {
      dynamodb: dynamodb.url,
      ses: ses.url,
      stepfunctions: stepFunctions.url,
      sandbox: { docusign: `${sandbox.url}/docusign`, billing: `${sandbox.url}/billing` },
    };
    const machineSpecs = await stateMachineSpecs(options.stateMachines ?? []);
    const stateMachineArns = Object.fromEntries(machineSpecs.map((spec) => [spec.name, stateMachineArn(spec.name)]));
    config.applyLocalEnvironment({ endpoints, stateMachineArn: lifecycleArn(stateMachineArns), publicBaseUrl: gateway.url });

    const functions = await loadFunctions(activity, options.functions);
    await ensureLocalAdminToken(config.staffToken());
    const { engine, eventRules } = await serveStepFunctions(stepFunctions.server, activity, functions, machineSpecs);
    const { localMetrics } = await import('./control');
    const metrics = () => localMetrics(functions, engine);
    const api = await serveGateway(gateway.server, activity, functions, { clock, sesUrl: endpoints.ses, endpoints, started: started.promise, metrics });
    await serveSandboxes(sandbox.server, activity, endpoints, gateway.url);
    const schedules = await runScheduler(parts, functions, options.scheduler ?? true);
    await resumeInFlightPlacements(functions, clock);
    started.resolve();

    return {
      baseUrl: gateway.url,
      endpoints,
      sesViewerUrl: ses.url,
      clock,
      tableName: config.localTableName,
      stateMachineArns,
      dataDirectory,
      describe: () => ({
        ...api,
        schedules,
        eventRules,
        stateMachines: [...engine.machines.values()].map((machine) => ({
          name: machine.name,
          arn: machine.arn,
          substitutions: machine.substitutions,
          definition: machine.definition,
        })),
      }),
      stop: () => parts.stopAll(),
    };
  } catch (error) {
    started.reject();
    await parts.stopAll();
    throw error;
  }
}

/**
 * Whether the system has started, for the control API: scripts poll it to know when they can
 * drive the system, so it answers only once every part has started and in-flight placements
 * resumed (or with 503 if the start failed).
 */
class Started {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: () => void;

  constructor() {
    const settle = { resolve: () => undefined as void, reject: () => undefined as void };
    this.promise = new Promise<void>((resolve, reject) => {
      settle.resolve = resolve;
      settle.reject = () => reject(new Error('The local system did not start.'));
    });
    this.resolve = settle.resolve;
    this.reject = settle.reject;
    // Nobody may be waiting when a start fails.
    this.promise.catch(() => undefined);
  }
}

/** What has been started so far, to stop in reverse order. */
class StartedParts {
  private readonly stops: (() => Promise<void> | void)[] = [];

  add(stop: () => Promise<void> | void): void {
    this.stops.push(stop);
  }

  async stopAll(): Promise<void> {
    for (let stop = this.stops.pop(); stop; stop = this.stops.pop()) await stop();
  }
}

function portsFrom(basePort: number) {
  // 0: every part on a random port.
  const port = (offset: number) => (basePort === 0 ? 0 : basePort + offset);
  return { gateway: port(0), dynamodb: port(1), ses: port(2), stepfunctions: port(3), sandbox: port(4) };
}

/** A persisted run carries on at the virtual time it stopped at, unless told otherwise. */
function installClock(parts: StartedParts, activity: ActivityTracker, now: Date | undefined, dataDirectory: string | undefined): VirtualClock {
  const clockFile = dataDirectory === undefined ? undefined : path.join(dataDirectory, 'clock.json');
  const clock = VirtualClock.install(now ?? savedClock(clockFile) ?? new Date(), activity);
  parts.add(() => clock.uninstall());
  if (clockFile !== undefined) parts.add(() => saveClock(clockFile, clock.now()));
  return clock;
}

function savedClock(file: string | undefined): Date | undefined {
  if (file === undefined || !existsSync(file)) return undefined;
  const saved = z.object({ now: z.iso.datetime() }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return saved.success ? new Date(saved.data.now) : undefined;
}

function saveClock(file: string, now: Date): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ now: now.toISOString() }));
}

async function runDynamoDb(parts: StartedParts, port: number, dataDirectory: string | undefined, tableName: string, onItsOwnThread: boolean): Promise<{ url: string }> {
  const options = { port, directory: dataDirectory === undefined ? undefined : path.join(dataDirectory, 'dynamodb'), tableName };
  if (onItsOwnThread) {
    const { startDynamoDbThread } = await import('./dynamodb-thread');
    const dynamodb = await startDynamoDbThread(options);
    parts.add(() => dynamodb.stop());
    return dynamodb;
  }
  const { startDynamoDb } = await import('./dynamodb');
  const dynamodb = await startDynamoDb(options);
  parts.add(() => closeServer(dynamodb.server));
  return dynamodb;
}

async function runSes(parts: StartedParts, port: number): Promise<{ url: string }> {
  const { startSes } = await import('./ses');
  const ses = await startSes(port);
  parts.add(() => closeServer(ses.server));
  return ses;
}

/** A server listening with no handler yet: it holds what it receives until it has one. */
async function listenOn(parts: StartedParts, port: number, service: string): Promise<{ server: HoldingServer; url: string }> {
  const server = new HoldingServer();
  const url = localUrl(await listen(server.server, port, service));
  parts.add(() => server.close());
  return { server, url };
}

/** The manifest's state machines, then the fixtures'. */
async function stateMachineSpecs(fixtures: LocalStateMachineSpec[]): Promise<LocalStateMachineSpec[]> {
  const { stateMachines } = await import('../lib/manifest');
  const manifestSpecs = Object.entries(stateMachines).map(([name, spec]) => ({
    name,
    definitionPath: path.join(repositoryRoot, spec.definition),
    description: spec.description,
    substitutions: { ...spec.substitutions },
  }));
  return [...manifestSpecs, ...fixtures];
}

/** The handlers' STATE_MACHINE_ARN. */
function lifecycleArn(stateMachineArns: Record<string, string>): string {
  const arn = stateMachineArns.placementLifecycle;
  if (arn === undefined) throw new Error('The manifest has no placementLifecycle state machine.');
  return arn;
}

async function loadFunctions(activity: ActivityTracker, fixtures: Record<string, LambdaHandler> | undefined): Promise<LocalFunctions> {
  const { LocalFunctions } = await import('./functions');
  return LocalFunctions.load(activity, fixtures);
}

/** The Step Functions service, its executions' status changes sent to the local event bus (the manifest's `workflowEvents`). */
async function serveStepFunctions(
  server: HoldingServer,
  activity: ActivityTracker,
  functions: LocalFunctions,
  specs: LocalStateMachineSpec[],
): Promise<{ engine: StepFunctionsEngine; eventRules: LocalSystemDescription['eventRules'] }> {
  const { StepFunctionsEngine } = await import('./stepfunctions-engine');
  const { StepFunctionsService } = await import('./stepfunctions-service');
  const { executionStatusChange, LocalEventBus } = await import('./event-bus');
  const bus = new LocalEventBus(functions, activity);
  const engine = new StepFunctionsEngine(functions, (execution) => bus.put(executionStatusChange(execution)));
  for (const spec of specs) engine.load(spec);
  server.serve(new StepFunctionsService(engine).listener(activity));
  const eventRules = bus.rules.map((rule) => ({ name: rule.name, stateMachineArn: rule.stateMachineArn, statuses: rule.statuses, function: rule.function }));
  return { engine, eventRules };
}

/** The HTTP API with its control API under /_local/; returns the routes it serves and who authorizes them. */
async function serveGateway(
  server: HoldingServer,
  activity: ActivityTracker,
  functions: LocalFunctions,
  control: ControlApiOptions,
): Promise<Pick<LocalSystemDescription, 'routes' | 'authorizer'>> {
  const { createGateway, localRoutes } = await import('./gateway');
  const { createControlApi } = await import('./control');
  const { authorizerFunction } = await import('../lib/manifest');
  server.serve(createGateway({ functions, activity, control: createControlApi(control) }));
  return {
    routes: localRoutes.map((route) => ({ method: route.method, path: route.path, function: route.function, auth: route.auth })),
    authorizer: authorizerFunction,
  };
}

async function serveSandboxes(server: HoldingServer, activity: ActivityTracker, endpoints: LocalEndpoints, apiUrl: string): Promise<void> {
  const { secretValue } = await import('./config');
  const { DocuSignSandbox } = await import('./sandbox-docusign');
  const { BillingSandbox } = await import('./sandbox-billing');
  const { createSandbox } = await import('./sandbox');
  const docusign = new DocuSignSandbox({
    baseUrl: endpoints.sandbox.docusign,
    webhookUrl: `${apiUrl}/webhooks/docusign`,
    hmacKey: () => secretValue('docusignConnectKey'),
    apiCredentials: () => secretValue('docusignApi'),
  });
  const billing = new BillingSandbox({
    baseUrl: endpoints.sandbox.billing,
    webhookUrl: `${apiUrl}/webhooks/billing`,
    webhookSecret: () => secretValue('billingWebhookSecret'),
    apiKey: () => secretValue('billingApi'),
  });
  server.serve(createSandbox(activity, docusign, billing));
}

/** EventBridge; its expressions are checked even when the schedules are not to fire. Returns the schedules that fire. */
async function runScheduler(parts: StartedParts, functions: LocalFunctions, fire: NonNullable<LocalSystemOptions['scheduler']>): Promise<LocalSchedule[]> {
  const { Scheduler } = await import('./scheduler');
  const scheduler = new Scheduler(functions);
  if (fire === false) return [];
  const only = fire === true ? undefined : new Set<string>(fire);
  scheduler.start(only);
  parts.add(() => scheduler.stop());
  return scheduler.schedules.filter((schedule) => only === undefined || only.has(schedule.name));
}

/**
 * Executions live in this process only: after a restart, the reconciliation finds the placements
 * still in flight and starts a fresh execution for each, which resumes where the placement stands.
 * It asks about every one (no grace periods): a placement that stepped a minute ago lost its execution too.
 */
async function resumeInFlightPlacements(functions: LocalFunctions, clock: VirtualClock): Promise<void> {
  try {
    await functions.invoke('reconcilePlacements', { source: 'local.startup', 'detail-type': 'Local start-up', detail: { settleMinutes: 0, trustStepsWithinMinutes: 0 } });
    await clock.waitForIdle();
  } catch (error) {
    console.warn(`In-flight placements were not resumed at start-up: ${error instanceof Error ? error.message : String(error)}`);
  }
}
