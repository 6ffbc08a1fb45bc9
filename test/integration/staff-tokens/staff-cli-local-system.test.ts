import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startTestSystem, type LocalSystem } from '../../support/local-system';

// `npm run staff` next to a running `npm start` on any PORT: it asks that system where its table is
// (GET /_local/endpoints), so nobody has to work out the DynamoDB port.

const root = join(import.meta.dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
let system: LocalSystem;

/** `npm run staff -- …` with nothing about the table in its environment, as in a fresh terminal. */
function staff(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  for (const name of ['TABLE_NAME', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'PORT']) delete base[name];
  return new Promise((resolve) => {
    execFile(tsx, [join(root, 'bin', 'staff.ts'), ...args], { cwd: root, env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const tokenIn = (output: string) => /vec_[A-Za-z0-9_-]{43}/.exec(output)?.[0] ?? 'missing';

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('npm run staff against the local system', () => {
  it('finds the table of the system on PORT and issues a token that system accepts', async () => {
    // Act
    const run = await staff(['create', '--name', 'Ana Proctor', '--role', 'proctor'], { PORT: new URL(system.baseUrl).port });

    // Assess
    expect(run.code, run.stderr).toBe(0);
    const answer = await get(`${system.baseUrl}/placements`, { authorization: `Bearer ${tokenIn(run.stdout)}` });
    expect(answer.status, answer.body).toBe(200);
  });

  it('takes the port as --port as well, and lists the tokens of that system', async () => {
    // Prepare
    await staff(['create', '--name', 'Ben Mentor', '--role', 'mentor'], { PORT: new URL(system.baseUrl).port });

    // Act
    const run = await staff(['list', '--port', new URL(system.baseUrl).port], { PORT: '1' });

    // Assess
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{12}\s+Ben Mentor\s+mentor\s/m);
  });
});
