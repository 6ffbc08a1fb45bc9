import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpRequest } from '../../../local/http';
import { newYorkInterview, selectionBody } from '../../support/fixtures';
import { admin } from '../../support/lifecycle';

// `npm start` stopped in the middle of a certification week and started again: the placement carries
// on from where it stood, at the virtual time the first run stopped, and no email goes out twice.

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const dataDirectory = mkdtempSync(path.join(tmpdir(), 've-restart-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);
const baseUrl = `http://localhost:${port}`;
let running: ChildProcess | undefined;

/** Starts `npm start`'s entry as a child process and resolves once its banner says it started. */
function startRuntime(extraArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(path.join(repositoryRoot, 'node_modules', '.bin', 'tsx'), ['bin/local.ts', '--data-dir', dataDirectory, ...extraArgs], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Started in')) resolve(child);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
}

function stopRuntime(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

async function call(method: 'GET' | 'POST', route: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await httpRequest(`${baseUrl}${route}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.body.length > 0 ? (JSON.parse(response.body) as unknown) : undefined };
}

const placementSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  contract: z.looseObject({ envelopeId: z.string() }).optional(),
  reserve: z.looseObject({ checkoutSessionId: z.string().optional() }).optional(),
  history: z.array(z.looseObject({ what: z.string() })).optional(),
});
const emailsSchema = z.array(z.looseObject({ to: z.array(z.string()), subject: z.string(), at: z.string() }));
const endpointsSchema = z.looseObject({ sandbox: z.object({ docusign: z.string(), billing: z.string() }) });

const advanceTo = (instant: string) => call('POST', '/_local/clock', { advanceTo: instant });
const readPlacement = async (id: string) => placementSchema.parse((await call('GET', `/placements/${id}`, undefined, admin)).body);

afterAll(async () => {
  if (running && running.exitCode === null) await stopRuntime(running);
  rmSync(dataDirectory, { recursive: true, force: true });
});

describe('a restart in the middle of the certification week', () => {
  let placementId = '';

  it('runs the first days before the restart', async () => {
    const first = await startRuntime(['--now', '2030-04-02T12:00:00Z']);
    const created = await call('POST', '/placements', selectionBody(newYorkInterview), admin);
    expect(created.status).toBe(201);
    placementId = placementSchema.parse(created.body).id;
    await advanceTo('2030-04-02T14:00:00Z');
    const sent = await readPlacement(placementId);
    const { sandbox } = endpointsSchema.parse((await call('GET', '/_local/endpoints')).body);
    await httpRequest(`${sandbox.docusign}/envelopes/${sent.contract?.envelopeId ?? ''}/complete`, { method: 'POST', headers: { accept: 'application/json' } });
    await httpRequest(`${sandbox.billing}/checkout/sessions/${sent.reserve?.checkoutSessionId ?? ''}/pay`, { method: 'POST', headers: { accept: 'application/json' } });
    await advanceTo('2030-04-10T15:00:00Z'); // Wednesday of the week, after its session

    const midWeek = await readPlacement(placementId);
    expect(midWeek.status).toBe('IN_CERTIFICATION');
    expect(midWeek.history?.filter((entry) => entry.what === 'SESSION_HELD')).toHaveLength(3);
    await stopRuntime(first);
  }, 60_000);

  it('carries on after the restart at the virtual time it stopped, with no email sent twice', async () => {
    await startRuntime();
    const clock = z.object({ now: z.string() }).parse((await call('GET', '/_local/clock')).body);
    expect(Date.parse(clock.now) - Date.parse('2030-04-10T15:00:00Z')).toBeLessThan(60_000);

    await advanceTo('2030-04-12T18:00:00Z');
    expect((await readPlacement(placementId)).status).toBe('EXAM');
    expect((await call('POST', `/placements/${placementId}/exam-result`, { score: 88 }, admin)).status).toBe(200);
    await advanceTo('2030-04-15T13:00:00Z');

    const finished = await readPlacement(placementId);
    expect(finished.status).toBe('ACTIVE');
    expect(finished.history?.filter((entry) => entry.what === 'SESSION_HELD')).toHaveLength(4);
    const emails = emailsSchema.parse((await call('GET', '/_local/emails')).body);
    // This run's mailbox: the exam day, the two certified letters and the welcome; nothing from before again.
    expect(emails.map((email) => email.subject)).toHaveLength(4);
    expect(emails.some((email) => /week/i.test(email.subject) && !/welcome/i.test(email.subject))).toBe(false);
  }, 60_000);
});
