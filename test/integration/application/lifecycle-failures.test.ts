import { beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../../functions/application/ports';
import { flagLifecycleFailure } from '../../../functions/application/lifecycle/driver';
import type { LifecycleDeps } from '../../../functions/application/lifecycle/common';
import { resumePlacement } from '../../../functions/application/resume-placement';
import { recordExecution } from '../../../functions/domain/placement';
import { useInMemoryTable } from '../../support/table';
import { config, lifecycle, newPlacement, staff } from '../../support/domain-fixtures';

// A step that failed past its retries: staff read what stopped it, and Customer Service hears of
// every failure once, a second failure after a resume included.

const table = useInMemoryTable('lifecycle-failures');
let sent: OutgoingEmail[];
const clock = { now: () => '2025-06-05T15:00:00Z' };

const deps = () =>
  ({
    placements: table.repository,
    mailer: { send: async (email: OutgoingEmail) => (sent.push(email), { messageId: `m-${sent.length}` }) },
    workflow: {
      resume: async () => 'resumed' as const,
      status: async () => 'FAILED',
      start: async () => ({ executionArn: 'arn:exec:2', alreadyRunning: false }),
    },
    agency: config,
    clock,
  }) as unknown as LifecycleDeps;

const lambdaCause = (message: string) => JSON.stringify({ errorType: 'ProviderError', errorMessage: message, trace: ['at step (/var/task/index.mjs:1:1)'] });

async function runningUnder(id: string, executionArn: string) {
  const stored = await table.repository.get(id);
  const change = recordExecution(stored ?? newPlacement(id), executionArn, { at: clock.now(), by: lifecycle });
  return stored === undefined ? table.repository.create(change.placement, change.entries) : table.repository.save(change.placement, change.entries);
}

beforeEach(() => {
  sent = [];
});

describe('a lifecycle step that failed', () => {
  it('flags the placement with what stopped it, without the people’s emails, names or phone', async () => {
    const placement = await runningUnder('p-cause', 'arn:exec:1');
    const message = `DocuSign answered 400 for /envelopes (INVALID_EMAIL_ADDRESS_FOR_RECIPIENT) sending to ${placement.client.email}, ${placement.candidate.phone}, ${placement.client.name}`;

    await flagLifecycleFailure(deps(), placement.id, { error: 'ProviderError', cause: lambdaCause(message) });

    const reason = (await table.repository.get(placement.id))?.needsAttention?.reason ?? '';
    expect(reason).toContain('ProviderError: DocuSign answered 400 for /envelopes (INVALID_EMAIL_ADDRESS_FOR_RECIPIENT)');
    expect(reason).not.toContain(placement.client.email);
    expect(reason).not.toContain(placement.candidate.phone);
    expect(reason).not.toContain(placement.client.name);
    expect(reason).not.toContain('/var/task');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('INVALID_EMAIL_ADDRESS_FOR_RECIPIENT');
  });

  it('tells Customer Service once per failure: a retried flag step sends nothing more, a new failure after a resume does', async () => {
    const placement = await runningUnder('p-twice', 'arn:exec:1');
    const failure = { error: 'States.TaskFailed', cause: lambdaCause('Throttling: Maximum sending rate exceeded') };

    await flagLifecycleFailure(deps(), placement.id, failure);
    await flagLifecycleFailure(deps(), placement.id, failure); // the flag step itself retried
    await resumePlacement(deps() as never, placement.id, staff); // staff fixed the cause
    await runningUnder(placement.id, 'arn:exec:2');
    await flagLifecycleFailure(deps(), placement.id, failure);

    expect(sent).toHaveLength(2);
    expect((await table.repository.get(placement.id))?.needsAttention?.reason).toContain('Throttling');
  });
});
