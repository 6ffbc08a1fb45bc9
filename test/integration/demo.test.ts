import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, json, startTestSystem, type LocalSystem } from '../support/local-system';

// `npm run demo`: its usage, the story on a throwaway system of its own when nothing runs, and the
// story against a system that runs (as `npm start` in another terminal).

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(repositoryRoot, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run demo -- <args>` as a user would (tsx bin/demo.ts), with no terminal attached. */
function demo(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tsx, ['bin/demo.ts', ...args], { cwd: repositoryRoot, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const storySteps = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('['));
const unusedPort = () => String(40_000 + Math.floor(Math.random() * 10_000));

describe('npm run demo -- --help', () => {
  it('prints its usage, how to point it at a running system and how long a throwaway one lives, and runs nothing', async () => {
    const run = await demo(['--help'], { PORT: unusedPort() });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run demo/);
    expect(run.stdout).toContain('npm start');
    expect(run.stdout).toContain('--port <port>');
    expect(run.stdout).toContain('Ctrl-C');
    expect(run.stdout).not.toContain('starting a throwaway one');
    expect(storySteps(run.stdout)).toEqual([]);
  });

  it('answers an option it does not know with the usage and exit code 2', async () => {
    const run = await demo(['--speed', 'fast']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--speed'");
    expect(run.stderr).toContain('Usage: npm run demo');
  });
});

describe('npm run demo with nothing running', () => {
  it('walks one placement from selection to its first working day, and prints no address of the system it stopped', async () => {
    const run = await demo([], { PORT: unusedPort() });

    expect(run.code, run.stderr).toBe(0);
    const steps = storySteps(run.stdout);
    expect(steps.some((line) => line.includes('(SELECTED)'))).toBe(true);
    expect(steps.some((line) => line.includes('READY'))).toBe(true);
    expect(steps.some((line) => line.includes('(IN_CERTIFICATION)'))).toBe(true);
    expect(steps.some((line) => line.includes('(EXAM)'))).toBe(true);
    expect(steps.some((line) => line.includes('CERTIFIED') && line.includes('Certificate'))).toBe(true);
    expect(steps.some((line) => line.includes('VALID for Maria Santos'))).toBe(true);
    expect(steps.at(-1)).toContain('First working day: ACTIVE');
    expect(run.stdout).toMatch(/7 emails were sent/);
    // With no terminal, the throwaway system stops with the story: any URL of it would already be dead.
    expect(run.stdout).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)/);
    expect(run.stdout).toContain('run `npm start`, then `npm run demo`');
  }, 90_000);
});

describe('npm run demo against a running system', () => {
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('tells the story on that system, found by --port, and names its mailbox, which still answers', async () => {
    const port = new URL(system.baseUrl).port;

    const run = await demo(['--port', port], { PORT: unusedPort() });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('starting a throwaway one');
    expect(storySteps(run.stdout).at(-1)).toContain('First working day: ACTIVE');
    expect(run.stdout).toContain(`Read them in the SES viewer: ${system.endpoints.ses}`);
    expect(run.stdout).toContain(`${system.baseUrl}/certificates/`);
    const emails = json(await get(`${system.baseUrl}/_local/emails`)) as unknown[];
    expect(emails).toHaveLength(7);
    expect((await get(system.endpoints.ses)).status).toBe(200);
  }, 90_000);
});
