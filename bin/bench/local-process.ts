import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { httpRequest } from '../../local/http';

/**
 * One local system started as `npm start` starts it (the command in package.json, in memory, schedules
 * on), in a child process of its own so that its memory can be measured apart from the bench's.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

export interface LocalProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startLocalProcess(options: { now: string; staffToken: string }): Promise<LocalProcess> {
  for (let attempt = 1; ; attempt += 1) {
    // A random base port: the five parts take PORT … PORT+4.
    const port = 20_000 + 5 * Math.floor(Math.random() * 8_000);
    try {
      return await startOn(port, options);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startOn(port: number, options: { now: string; staffToken: string }): Promise<LocalProcess> {
  const child = spawn(process.execPath, [...npmStartArguments(), '--memory', '--now', options.now], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), STAFF_TOKEN: options.staffToken, LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const ready = waitUntilStarted(baseUrl);
  const first = await Promise.race([ready.then(() => 'started' as const), exited.then(() => 'exited' as const)]);
  if (first === 'exited') throw new Error(`The local system did not start:\n${output}`);
  return { baseUrl, pid: child.pid ?? 0, stop: () => stopChild(child, exited) };
}

/** `npm start`'s node flags and script, read from package.json so that the bench runs what a person runs. */
function npmStartArguments(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...rest] = manifest.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs "${manifest.scripts.start}": the bench expects it to start with node.`);
  return rest;
}

/** The control API answers once every part has started. */
async function waitUntilStarted(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await httpRequest(`${baseUrl}/_local/clock`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The local system at ${baseUrl} did not start within 120 s.`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 10_000));
  await Promise.race([exited, timeout]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** A process and all its descendants (Linux /proc). */
function processTree(pid: number): number[] {
  const tree: number[] = [];
  const pending = [pid];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    tree.push(next);
    try {
      for (const task of readdirSync(`/proc/${next}/task`)) {
        const children = readFileSync(`/proc/${next}/task/${task}/children`, 'utf8').trim();
        if (children !== '') pending.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return tree;
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** The resident memory of a process and all its descendants, in bytes. */
export function treeRss(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + Number(/^VmRSS:\s+(\d+) kB/m.exec(readProc(member, 'status'))?.[1] ?? 0) * 1024, 0);
}

/** The CPU time (user + system) a process and its descendants have used, in seconds (clock ticks of 1/100 s). */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, member) => {
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
    const fields = readProc(member, 'stat').slice(readProc(member, 'stat').lastIndexOf(')') + 2).split(' ');
    return sum + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
  }, 0);
}

/** Samples the tree's RSS every 250 ms; `peak` is the highest seen so far. */
export function sampleRss(pid: number): { peak: () => number; stop: () => void } {
  let peak = treeRss(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, 250);
  return {
    peak: () => Math.max(peak, treeRss(pid)),
    stop: () => clearInterval(timer),
  };
}
