import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

// `npm run demo` on a machine with nothing running: it starts its own system and tells the whole story.

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

it('walks one placement from selection to its first working day and names the mailbox', async () => {
  const unusedPort = String(40_000 + Math.floor(Math.random() * 10_000));
  const { stdout } = await promisify(execFile)(path.join(repositoryRoot, 'node_modules', '.bin', 'tsx'), ['bin/demo.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: unusedPort },
    timeout: 60_000,
  });

  const steps = stdout.split('\n').filter((line) => line.startsWith('['));
  expect(steps.some((line) => line.includes('(SELECTED)'))).toBe(true);
  expect(steps.some((line) => line.includes('READY'))).toBe(true);
  expect(steps.some((line) => line.includes('(IN_CERTIFICATION)'))).toBe(true);
  expect(steps.some((line) => line.includes('(EXAM)'))).toBe(true);
  expect(steps.some((line) => line.includes('CERTIFIED') && line.includes('Certificate'))).toBe(true);
  expect(steps.some((line) => line.includes('VALID for Maria Santos'))).toBe(true);
  expect(steps.at(-1)).toContain('First working day: ACTIVE');
  expect(stdout).toMatch(/7 emails were sent/);
  expect(stdout).toMatch(/Read them in the SES viewer: http:\/\/localhost:\d+/);
}, 90_000);
