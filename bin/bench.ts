import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { z } from 'zod';
import { functions } from '../lib/manifest';

/**
 * `npm run bench`: the figures the team watches, measured here rather than asserted in tests.
 *   1. each Lambda bundle's size and cold-start import time (built as the CDK stack builds it);
 *   2. state transitions, emails and running cost of one placement from selection to ACTIVE;
 *   3. how fast a signed webhook is answered on the local system.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? '5');

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
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

async function bundles(): Promise<void> {
  const outdir = mkdtempSync(path.join(tmpdir(), 've-bench-'));
  console.log('Lambda bundles (esbuild, minified, ESM, SDK inside; cold import = node --enable-source-maps, median of %d)', runs);
  console.log('  function                 bundle KB   cold import ms');
  try {
    for (const [name, spec] of Object.entries(functions)) {
      const outfile = path.join(outdir, `${name}.mjs`);
      await build({
        entryPoints: [path.join(repositoryRoot, spec.entry)],
        bundle: true,
        minify: true,
        sourcemap: true,
        platform: 'node',
        target: 'node24',
        format: 'esm',
        mainFields: ['module', 'main'],
        outfile,
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
        logLevel: 'error',
      });
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const output = execFileSync(
          process.execPath,
          ['--enable-source-maps', '--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`],
          { env: { ...process.env, ...loadEnvironment }, encoding: 'utf8' },
        );
        times.push(Number(output.trim()));
      }
      console.log(`  ${name.padEnd(24)} ${(statSync(outfile).size / 1024).toFixed(0).padStart(9)}   ${median(times).toFixed(0).padStart(14)}`);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function onePlacement(): Promise<void> {
  const { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } = await import('@aws-sdk/client-sfn');
  const { startLocalSystem } = await import('../local/system');
  const { defaultStaffToken } = await import('../local/config');
  const { httpRequest } = await import('../local/http');
  const system = await startLocalSystem({ port: 0, memory: true, scheduler: false, now: new Date('2030-04-02T12:00:00Z') });
  const admin = { authorization: `Bearer ${defaultStaffToken}`, 'content-type': 'application/json' };
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = admin) => {
    const response = await httpRequest(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return JSON.parse(response.body || '{}') as Record<string, unknown> & { id?: string };
  };
  try {
    const created = await call('POST', `${system.baseUrl}/placements`, {
      client: { name: 'Dana Whitfield', email: 'dana@whitfield-dental.example', company: 'Whitfield Dental', timezone: 'America/New_York' },
      candidate: { name: 'Maria Santos', email: 'maria.santos@ve.example', phone: '+63 917 555 0142' },
      interviewAt: '2030-04-01T15:00:00Z',
    });
    const id = String(created.id);
    await system.clock.advanceTo(new Date('2030-04-02T14:00:00Z'));
    const placement = (await call('GET', `${system.baseUrl}/placements/${id}`)) as { contract?: { envelopeId: string }; reserve?: { checkoutSessionId: string } };
    await httpRequest(`${system.endpoints.sandbox.docusign}/envelopes/${placement.contract?.envelopeId ?? ''}/complete`, { method: 'POST', headers: { accept: 'application/json' } });

    // A webhook answered: the time from the signed billing event to its 200, as the sandbox sees it.
    const started = performance.now();
    await httpRequest(`${system.endpoints.sandbox.billing}/checkout/sessions/${placement.reserve?.checkoutSessionId ?? ''}/pay`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    const webhookMs = performance.now() - started;

    await system.clock.advanceTo(new Date('2030-04-12T19:00:00Z'));
    await call('POST', `${system.baseUrl}/placements/${id}/exam-result`, { score: 90 });
    await system.clock.advanceTo(new Date('2030-04-15T14:00:00Z'));

    const sfn = new SFNClient({ endpoint: system.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: system.stateMachineArns.placementLifecycle }));
    let transitions = 0;
    for (const execution of executions) {
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn, maxResults: 1000 }));
      transitions += events.filter((event) => event.type?.endsWith('StateEntered')).length;
    }
    const emails = z.array(z.unknown()).parse(JSON.parse((await httpRequest(`${system.baseUrl}/_local/emails`)).body)).length;
    const status = String((await call('GET', `${system.baseUrl}/placements/${id}`)).status);
    console.log(`\nOne placement, selection → ${status} (New York client, no reminders):`);
    console.log(`  state transitions ${transitions}  → $${((transitions * 0.025) / 1000).toFixed(5)} (Standard, $0.025 per 1,000)`);
    console.log(`  emails            ${emails}  → $${((emails * 0.1) / 1000).toFixed(5)} (SES, $0.10 per 1,000)`);
    console.log(`  signed billing webhook to its answer, through the local gateway: ${webhookMs.toFixed(0)} ms`);
    sfn.destroy();
  } finally {
    await system.stop();
  }
}

await bundles();
await onePlacement();
process.exit(0);
