import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { authenticate, hashToken, listStaffTokens } from '../../../functions/application/staff-tokens';
import { localTableName } from '../../../local/config';
import { startInMemoryTable, useInMemoryTable } from '../../support/table';

const root = join(import.meta.dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

const table = useInMemoryTable('staff-cli-test');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run staff -- …` as a user would (tsx bin/staff.ts), with only the env given here about the table. */
function staff(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const base = { ...process.env };
  for (const name of ['TABLE_NAME', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_PROFILE']) delete base[name];
  return new Promise((resolve) => {
    execFile(tsx, [join(root, 'bin', 'staff.ts'), ...args], { cwd: root, env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const onTable = () => ({ TABLE_NAME: table.tableName, AWS_ENDPOINT_URL_DYNAMODB: table.endpoint });
const tokenIn = (output: string) => /vec_[A-Za-z0-9_-]{43}/.exec(output)?.[0];

describe('npm run staff', () => {
  it('create prints a working token once and says it will not be shown again', async () => {
    // Act
    const run = await staff(['create', '--name', 'Ana Proctor', '--role', 'proctor'], onTable());

    // Assess
    expect(run.code).toBe(0);
    const token = tokenIn(run.stdout);
    expect(token).toBeDefined();
    expect(run.stdout).toMatch(/will not be shown again/);
    expect(await authenticate(table.repository, `Bearer ${token}`)).toEqual({ name: 'Ana Proctor', role: 'proctor' });
  });

  it('list shows id, name, role and dates, and never a token', async () => {
    // Prepare
    const created = await staff(['create', '--name', 'Ben', '--role', 'mentor'], onTable());
    const token = tokenIn(created.stdout) ?? 'missing';

    // Act
    const run = await staff(['list'], onTable());

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ID\s+NAME\s+ROLE\s+CREATED\s+REVOKED$/m);
    const row = run.stdout.split('\n').find((line) => line.startsWith(hashToken(token).slice(0, 12)));
    expect(row).toMatch(/^[0-9a-f]{12}\s+Ben\s+mentor\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+-$/);
    expect(run.stdout).not.toContain('vec_');
  });

  it('revoke <id> revokes the token with that id', async () => {
    // Prepare
    const created = await staff(['create', '--name', 'Cy', '--role', 'staff'], onTable());
    const token = tokenIn(created.stdout) ?? 'missing';

    // Act
    const run = await staff(['revoke', hashToken(token).slice(0, 12)], onTable());

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Revoked token [0-9a-f]{12} \(Cy, staff\)/);
    expect(await authenticate(table.repository, `Bearer ${token}`)).toBeUndefined();
  });

  it('answers exit code 1 with a message for an id no token has', async () => {
    // Act
    const run = await staff(['revoke', '000000000000'], onTable());

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No staff token has an id starting with 000000000000/);
  });

  it.each([
    ['an unknown command', ['promote']],
    ['an unknown role', ['create', '--name', 'Di', '--role', 'boss']],
    ['a missing name', ['create', '--role', 'admin']],
    ['an unknown option', ['list', '--all']],
  ])('prints usage and exits 2 on %s, storing nothing', async (_what, args) => {
    // Prepare
    const before = (await listStaffTokens(table.repository)).length;

    // Act
    const run = await staff(args, onTable());

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run staff -- <command>');
    expect(await listStaffTokens(table.repository)).toHaveLength(before);
  });

  it('uses the local table when the endpoint is local and TABLE_NAME is not set', async () => {
    // Prepare
    const local = await startInMemoryTable(localTableName);
    try {
      // Act
      const run = await staff(['create', '--name', 'Local', '--role', 'admin'], { AWS_ENDPOINT_URL_DYNAMODB: local.endpoint });

      // Assess
      expect(run.code).toBe(0);
      const localTokens = await listStaffTokens(new DynamoPlacementRepository(local.documentClient, local.tableName));
      expect(localTokens.map((token) => token.tokenHash)).toEqual([hashToken(tokenIn(run.stdout) ?? 'missing')]);
    } finally {
      await local.stop();
    }
  });

  it('asks for TABLE_NAME when the endpoint is not local', async () => {
    // Act
    const run = await staff(['list'], { AWS_ENDPOINT_URL_DYNAMODB: 'https://dynamodb.us-east-1.amazonaws.com' });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Set TABLE_NAME');
  });

  it('with neither TABLE_NAME nor an endpoint, and no local system on PORT, names the port and TABLE_NAME', async () => {
    // Act
    const run = await staff(['list'], { PORT: '1' });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No local system answers on port 1');
    expect(run.stderr).toContain('TABLE_NAME');
  });
});
