import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { ActivityTracker } from './activity';
import { VirtualClock } from './clock';
import type { LocalEndpoints } from './config';
import type { LambdaHandler } from './functions';
import type { LocalRoute } from './gateway';
import type { LocalSchedule, ScheduleFiring } from './scheduler';
import type { LocalStateMachineSpec } from './stepfunctions-engine';

export interface LocalSystemOptions {
  /** The gateway's port; the other parts take the next four (0: every part on a random port). Default 3000. */
  port?: number;
  /** Where the virtual clock starts. Default: the real now. */
  now?: Date;
  /** In-memory DynamoDB (a throwaway run, tests). Default: persisted under `dataDirectory`. */
  memory?: boolean;
  dataDirectory?: string;
  /** Fire the manifest's schedules. Default true. */
  scheduler?: boolean;
  /** Extra state machines (test fixtures), next to the manifest's. */
  stateMachines?: LocalStateMachineSpec[];
  /** Extra in-process functions (test fixtures) that fixtures' substitutions may name. */
  functions?: Record<string, LambdaHandler>;
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
  /** What this runtime serves, for the parity test and for inspection. */
  describe(): {
    routes: { method: string; path: string; function: string; auth: string }[];
    /** The function authorizing `staff` routes. */
    authorizer: string;
    schedules: LocalSchedule[];
    stateMachines: { name: string; arn: string; substitutions: Record<string, string>; definition: string }[];
  };
  scheduleFirings: ScheduleFiring[];
  stop(): Promise<void>;
}

const defaultDataDirectory = path.resolve(import.meta.dirname, '..', '.local-data');

function savedClock(file: string | undefined): Date | undefined {
  if (file === undefined || !existsSync(file)) return undefined;
  const saved = z.object({ now: z.iso.datetime() }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return saved.success ? new Date(saved.data.now) : undefined;
}

function saveClock(file: string, now: Date): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ now: now.toISOString() }));
}

const servicePorts = { gateway: 0, dynamodb: 1, ses: 2, stepfunctions: 3, sandbox: 4 } as const;

/**
 * Starts the whole system in this process: virtual clock first (it patches Date and timers before
 * anything else loads), then DynamoDB, SES, the Step Functions service, the gateway, the provider
 * sandboxes and the scheduler, with the handlers imported once their env is set. One per process.
 */
export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const activity = new ActivityTracker();
  // A persisted run carries on at the virtual time it stopped at, unless told otherwise.
  const clockFile = options.memory ? undefined : path.join(options.dataDirectory ?? defaultDataDirectory, 'clock.json');
  const clock = VirtualClock.install(options.now ?? savedClock(clockFile) ?? new Date(), activity);
  const cleanups: (() => Promise<void> | void)[] = [() => clock.uninstall()];
  if (clockFile !== undefined) cleanups.push(() => saveClock(clockFile, clock.now()));
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };

  try {
    const config = await import('./config');
    const { closeServer, listen, localUrl } = await import('./http');
    const basePort = options.port ?? 3000;
    const portOf = (part: keyof typeof servicePorts) => (basePort === 0 ? 0 : basePort + servicePorts[part]);
    const dataDirectory = options.memory ? undefined : (options.dataDirectory ?? config.defaultDataDirectory);

    const { startDynamoDb } = await import('./dynamodb');
    const dynamodb = await startDynamoDb({
      port: portOf('dynamodb'),
      directory: dataDirectory === undefined ? undefined : path.join(dataDirectory, 'dynamodb'),
      tableName: config.localTableName,
    });
    cleanups.push(() => closeServer(dynamodb.server));

    const { startSes } = await import('./ses');
    const ses = await startSes(portOf('ses'));
    cleanups.push(() => closeServer(ses.server));

    // Listen first, wire later: the handlers' env needs every URL before they are imported.
    const gatewayServer = http.createServer();
    const stepFunctionsServer = http.createServer();
    const sandboxServer = http.createServer();
    const gatewayPort = await listen(gatewayServer, portOf('gateway'), 'API gateway, PORT');
    cleanups.push(() => closeServer(gatewayServer));
    const stepFunctionsPort = await listen(stepFunctionsServer, portOf('stepfunctions'), 'Step Functions, PORT+3');
    cleanups.push(() => closeServer(stepFunctionsServer));
    const sandboxPort = await listen(sandboxServer, portOf('sandbox'), 'DocuSign and billing sandboxes, PORT+4');
    cleanups.push(() => closeServer(sandboxServer));

    const baseUrl = localUrl(gatewayPort);
    const sandboxUrl = localUrl(sandboxPort);
    const endpoints: LocalEndpoints = {
      dynamodb: dynamodb.url,
      ses: ses.url,
      stepfunctions: localUrl(stepFunctionsPort),
      sandbox: { docusign: `${sandboxUrl}/docusign`, billing: `${sandboxUrl}/billing` },
    };

    const { authorizerFunction, stateMachines: manifestMachines } = await import('../lib/manifest');
    const machineSpecs: LocalStateMachineSpec[] = [
      ...Object.entries(manifestMachines).map(([name, spec]) => ({
        name,
        definitionPath: path.join(config.repositoryRoot, spec.definition),
        description: spec.description,
        substitutions: { ...spec.substitutions },
      })),
      ...(options.stateMachines ?? []),
    ];
    const stateMachineArns = Object.fromEntries(
      machineSpecs.map((spec) => [spec.name, `arn:aws:states:${config.localRegion}:${config.localAccountId}:stateMachine:${spec.name}`]),
    );
    const lifecycleArn = stateMachineArns.placementLifecycle;
    if (lifecycleArn === undefined) throw new Error('The manifest has no placementLifecycle state machine.');
    config.applyLocalEnvironment({ endpoints, stateMachineArn: lifecycleArn, publicBaseUrl: baseUrl });

    const { LocalFunctions } = await import('./functions');
    const functions = await LocalFunctions.load(activity, options.functions);
    const { ensureLocalAdminToken } = await import('./staff-token');
    await ensureLocalAdminToken(config.staffToken());

    const { StepFunctionsEngine } = await import('./stepfunctions-engine');
    const { StepFunctionsService } = await import('./stepfunctions-service');
    const engine = new StepFunctionsEngine(functions);
    for (const spec of machineSpecs) engine.load(spec);
    stepFunctionsServer.on('request', new StepFunctionsService(engine).listener(activity));

    const { createGateway, localRoutes } = await import('./gateway');
    const { createControlApi } = await import('./control');
    gatewayServer.on('request', createGateway({ functions, activity, control: createControlApi({ clock, sesUrl: ses.url, endpoints }) }));

    const { DocuSignSandbox } = await import('./sandbox-docusign');
    const { BillingSandbox } = await import('./sandbox-billing');
    const { createSandbox } = await import('./sandbox');
    const sandbox = createSandbox(
      activity,
      new DocuSignSandbox({
        baseUrl: endpoints.sandbox.docusign,
        webhookUrl: `${baseUrl}/webhooks/docusign`,
        hmacKey: () => config.secretValue('docusignConnectKey'),
        apiCredentials: () => config.secretValue('docusignApi'),
      }),
      new BillingSandbox({
        baseUrl: endpoints.sandbox.billing,
        webhookUrl: `${baseUrl}/webhooks/billing`,
        webhookSecret: () => config.secretValue('billingWebhookSecret'),
        apiKey: () => config.secretValue('billingApi'),
      }),
    );
    sandboxServer.on('request', sandbox);

    const { Scheduler } = await import('./scheduler');
    const scheduler = new Scheduler(functions);
    if (options.scheduler ?? true) {
      scheduler.start();
      cleanups.push(() => scheduler.stop());
    }

    // Executions live in this process only: after a restart, the reconciliation finds the placements
    // still in flight and starts a fresh execution for each, which resumes where the placement stands.
    try {
      await functions.invoke('reconcilePlacements', { source: 'local.startup', 'detail-type': 'Local start-up', detail: { settleMinutes: 0 } });
      await clock.waitForIdle();
    } catch (error) {
      console.warn(`In-flight placements were not resumed at start-up: ${error instanceof Error ? error.message : String(error)}`);
    }

    return {
      baseUrl,
      endpoints,
      sesViewerUrl: ses.url,
      clock,
      tableName: config.localTableName,
      stateMachineArns,
      dataDirectory,
      describe: () => ({
        routes: localRoutes.map((route: LocalRoute) => ({ method: route.method, path: route.path, function: route.function, auth: route.auth })),
        authorizer: authorizerFunction,
        schedules: options.scheduler === false ? [] : scheduler.schedules,
        stateMachines: [...engine.machines.values()].map((machine) => ({
          name: machine.name,
          arn: machine.arn,
          substitutions: machine.substitutions,
          definition: machine.definition,
        })),
      }),
      scheduleFirings: scheduler.firings,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
