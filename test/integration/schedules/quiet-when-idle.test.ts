import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../support/fixtures';
import { useInMemoryTable } from '../../support/table';

// The scheduled functions run every hour or every day: a run that found nothing to do must not add a
// line to the log at INFO (an idle `npm start` would print one every virtual hour), only at DEBUG.

const table = useInMemoryTable('quiet-when-idle');

type Scheduled = (event: unknown, context: Context) => Promise<unknown>;
const scheduled: Record<string, Scheduled> = {};

beforeAll(async () => {
  // The handlers' wiring reads these once, when the modules load.
  vi.stubEnv('TABLE_NAME', table.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  vi.stubEnv('SENDER_ADDRESS', 'certification@agency.example.com');
  vi.stubEnv('CUSTOMER_SERVICE_EMAIL', 'cs@agency.example.com');
  vi.stubEnv('MENTOR_TEAM_EMAIL', 'mentors@agency.example.com');
  vi.stubEnv('PROCTORS_EMAIL', 'proctors@agency.example.com');
  vi.stubEnv('PUBLIC_BASE_URL', 'https://certify.agency.example.com');
  vi.stubEnv('CLIENT_LINK_SECRET', 'a-client-link-secret-for-these-tests');
  scheduled.staffDigest = (await import('../../../functions/handlers/staff-digest')).handler;
  scheduled.overdueExamResults = (await import('../../../functions/handlers/overdue-exam-results')).handler;
  scheduled.checkInReminders = (await import('../../../functions/handlers/check-in-reminders')).handler;
});

afterAll(() => {
  vi.unstubAllEnvs();
});

/** What a run writes to stdout and stderr at this log level. */
async function logOfRun(name: string, level: 'INFO' | 'DEBUG'): Promise<string> {
  const handler = scheduled[name];
  if (handler === undefined) throw new Error(`no handler ${name}`);
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  vi.stubEnv('LOG_LEVEL', level);
  try {
    await handler({}, lambdaContext(name));
  } finally {
    vi.stubEnv('LOG_LEVEL', 'WARN');
    spies.forEach((spy) => spy.mockRestore());
  }
  return written.join('');
}

describe('a scheduled function that finds no work', () => {
  it.each(['staffDigest', 'overdueExamResults', 'checkInReminders'])('%s writes nothing at INFO, and says it is done at DEBUG', async (name) => {
    // Act
    const atInfo = await logOfRun(name, 'INFO');
    const atDebug = await logOfRun(name, 'DEBUG');

    // Assess
    expect(atInfo).toBe('');
    expect(atDebug).toContain('"level":"DEBUG"');
    expect(atDebug).toContain(': done');
    expect(atDebug).toContain(`"function_name":"${name}"`);
  });
});
