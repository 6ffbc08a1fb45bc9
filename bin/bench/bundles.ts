import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { buildConsoleAssets } from '../../console/build';
import { publicHolidayTable } from '../../functions/domain/agency-holidays';
import { functions, routes, type FunctionName, type FunctionSpec } from '../../lib/manifest';

/**
 * Each Lambda bundle's size and cold-start import time, built as the CDK stack builds it, beside its
 * floor: a bundle holding only the SDK clients the function uses (from the manifest), constructed as a
 * handler constructs them. The floor is what no code of ours can remove; the ratio is what ours costs.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const runs = Number(process.env.BENCH_RUNS ?? '5');
/** A comma-separated list of function names to measure only those (all when unset). */
const only = process.env.BENCH_FUNCTIONS?.split(',').map((name) => name.trim()).filter((name) => name !== '');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** What every function reads at load, with placeholder values: importing must not throw. */
const loadEnvironment = {
  TABLE_NAME: 'bench',
  STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
  SENDER_ADDRESS: 'certification@agency.example.com',
  CUSTOMER_SERVICE_EMAIL: 'cs@agency.example.com',
  MENTOR_TEAM_EMAIL: 'mentors@agency.example.com',
  PROCTORS_EMAIL: 'proctors@agency.example.com',
  PUBLIC_BASE_URL: 'https://certify.agency.example.com',
  DOCUSIGN_BASE_URL: 'https://demo.docusign.net',
  BILLING_BASE_URL: 'https://api.stripe.com',
  AWS_REGION: 'us-east-1',
  LOG_LEVEL: 'ERROR',
};

/** The targets of issue 13: bundle size, and cold import against the floor (HTTP answers a person; a schedule waits for nobody). */
const sizeTargetKb = { default: 600, edge: 450 } as const;
const ratioTarget = { http: 1.15, scheduled: 1.3 } as const;
/** The authorizer runs before every staff request, and a webhook provider times out: the smaller bundles. */
const edgeFunctions: readonly FunctionName[] = ['staffAuthorizer', 'docusignWebhook', 'billingWebhook'];

export interface BundleRow {
  name: FunctionName;
  kind: 'http' | 'scheduled';
  bundleKb: number;
  floorKb: number;
  importMs: number;
  floorMs: number;
  ratio: number;
  sizeTargetKb: number;
  ratioTarget: number;
  sizeOk: boolean;
  ratioOk: boolean;
}

const sharedBuild: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'error',
};

/** The floor's entry: the SDK clients the manifest says the function uses, constructed, nothing else. */
export function floorEntry(spec: FunctionSpec): string {
  const lines: string[] = [];
  const clients: string[] = [];
  if (spec.table !== 'none') {
    lines.push("import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';");
    clients.push('DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } })');
  }
  if (spec.sendsEmail === true) {
    lines.push("import { SESClient } from '@aws-sdk/client-ses';");
    clients.push('new SESClient({})');
  }
  if (spec.workflow !== undefined && spec.workflow.length > 0) {
    lines.push("import { SFNClient } from '@aws-sdk/client-sfn';");
    clients.push('new SFNClient({})');
  }
  if (spec.secrets !== undefined && spec.secrets.length > 0) {
    lines.push("import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';");
    clients.push('new SecretsManagerClient({})');
  }
  // Exported, so the bundler keeps the construction.
  lines.push(`export const clients = [${clients.join(', ')}];`);
  return lines.join('\n');
}

function kindOf(name: FunctionName): BundleRow['kind'] {
  return name === 'staffAuthorizer' || routes.some((route) => route.function === name) ? 'http' : 'scheduled';
}

/**
 * Milliseconds of CPU the import takes, in a fresh node process (a cold start without the runtime
 * around it). CPU time rather than wall time: on a shared machine another process's work would
 * otherwise count against the bundle; loading a bundle is CPU-bound, so on an idle machine they agree.
 */
function coldImportMs(file: string): number {
  const script = `const c = process.cpuUsage(); await import(${JSON.stringify(file)}); const u = process.cpuUsage(c); console.log((u.user + u.system) / 1000);`;
  const output = execFileSync(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', script],
    { env: { ...process.env, ...loadEnvironment }, encoding: 'utf8' },
  );
  return Number(output.trim());
}

const kb = (file: string) => statSync(file).size / 1024;

/**
 * What lib/constructs/project-function.ts defines at bundling, so a bundle loads as it does in AWS: the
 * default region's public holidays as a table (date-holidays stays out), the console's assets in memory.
 */
function stackDefines(name: FunctionName): Record<string, string> {
  const thisYear = new Date().getUTCFullYear();
  const holidays = { __AGENCY_PUBLIC_HOLIDAYS__: JSON.stringify(JSON.stringify(publicHolidayTable('US', thisYear - 1, thisYear + 15))) };
  return name === 'staffConsole' ? { ...holidays, __CONSOLE_ASSETS__: JSON.stringify(JSON.stringify(buildConsoleAssets())) } : holidays;
}

export async function benchBundles(): Promise<BundleRow[]> {
  // Inside the repository, so that what a bundle resolves at run time (Swagger UI's files, which the
  // stack copies beside the docs function) is found in node_modules as it is beside the Lambda's code.
  const cache = path.join(repositoryRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(path.join(cache, 've-bench-'));
  const rows: BundleRow[] = [];
  console.log('Lambda bundles (esbuild, minified, ESM, SDK inside) beside their floor (the SDK clients alone);');
  console.log(`cold import = CPU ms of the import in a fresh node --enable-source-maps, bundle and floor interleaved, median of ${runs}`);
  console.log('  function                 bundle KB  floor KB  (target)   import ms  floor ms  ratio  (target)');
  try {
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      if (only !== undefined && !only.includes(name)) continue;
      const outfile = path.join(outdir, `${name}.mjs`);
      const floorfile = path.join(outdir, `${name}.floor.mjs`);
      await build({ ...sharedBuild, entryPoints: [path.join(repositoryRoot, spec.entry)], define: stackDefines(name), outfile });
      await build({ ...sharedBuild, stdin: { contents: floorEntry(spec), resolveDir: repositoryRoot, loader: 'js' }, outfile: floorfile });
      const times: number[] = [];
      const floorTimes: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        times.push(coldImportMs(outfile));
        floorTimes.push(coldImportMs(floorfile));
      }
      const kind = kindOf(name);
      const row: BundleRow = {
        name,
        kind,
        bundleKb: kb(outfile),
        floorKb: kb(floorfile),
        importMs: median(times),
        floorMs: median(floorTimes),
        ratio: median(times) / median(floorTimes),
        sizeTargetKb: edgeFunctions.includes(name) ? sizeTargetKb.edge : sizeTargetKb.default,
        ratioTarget: ratioTarget[kind],
        sizeOk: false,
        ratioOk: false,
      };
      row.sizeOk = row.bundleKb <= row.sizeTargetKb;
      row.ratioOk = row.ratio <= row.ratioTarget;
      rows.push(row);
      const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
      console.log(
        `  ${name.padEnd(24)} ${row.bundleKb.toFixed(0).padStart(9)} ${row.floorKb.toFixed(0).padStart(9)}  ≤${row.sizeTargetKb} ${mark(row.sizeOk)}` +
          ` ${row.importMs.toFixed(1).padStart(9)} ${row.floorMs.toFixed(1).padStart(9)} ${row.ratio.toFixed(2).padStart(6)}  ≤${row.ratioTarget.toFixed(2)} ${mark(row.ratioOk)}`,
      );
    }
    const failing = rows.filter((row) => !row.sizeOk || !row.ratioOk).map((row) => row.name);
    console.log(`  ${rows.length - failing.length} of ${rows.length} within both targets${failing.length === 0 ? '' : `; above: ${failing.join(', ')}`}`);
    return rows;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
