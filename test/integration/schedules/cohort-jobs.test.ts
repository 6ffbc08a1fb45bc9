import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../../functions/application/ports';
import { isCheckInWeek, remindOverdueExamResults, sendCheckIns, sendStaffDigest, type CohortDeps } from '../../../functions/application/cohort-jobs';
import { reconcilePlacements } from '../../../functions/application/reconcile';
import { flagForAttention, type Placement } from '../../../functions/domain/placement';
import { useInMemoryTable } from '../../support/table';
import { config, linkKeys, newPlacement, staff } from '../../support/domain-fixtures';

// The scheduled jobs over many placements, on dynalite, with a recording mailer and a set clock.

const table = useInMemoryTable('cohort-jobs');
const sent: OutgoingEmail[] = [];
let now = '2025-07-21T15:00:00Z';

const deps = (): CohortDeps & { linkKeys: typeof linkKeys } => ({
  placements: table.repository,
  linkKeys,
  mailer: { send: async (email) => (sent.push(email), { messageId: `m-${sent.length}` }) },
  agency: config,
  clock: { now: () => now },
});

/** Stores a placement as it would stand after the lifecycle brought it to `status`. */
async function stored(id: string, status: Placement['status'], changes: Partial<Placement> = {}): Promise<Placement> {
  const placement = { ...newPlacement(id, { client: { name: 'Alex Client', email: `${id}@client.example`, company: 'Client Co', timezone: 'America/New_York' } }), status, ...changes };
  return table.repository.create(placement, []);
}

describe('check-in reminders', () => {
  it('asks weekly for the first month, then every four weeks', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13].map(isCheckInWeek)).toEqual([false, true, true, true, true, false, false, false, true, true, false]);
  });

  it('writes to the client of an active placement once per check-in week, however often the schedule fires', async () => {
    const active = await stored('active-1', 'ACTIVE');
    const weekTwo = new Date(Date.parse(active.timeline.startsAt) + 15 * 24 * 3600 * 1000).toISOString();
    now = weekTwo;
    sent.length = 0;

    const first = await sendCheckIns(deps());
    const again = await sendCheckIns(deps());

    expect(first.sent).toBe(1);
    expect(again.sent).toBe(0);
    expect(sent.filter((email) => email.to.includes('active-1@client.example'))).toHaveLength(1);
  });
});

describe('overdue exam results', () => {
  it('reminds the proctors once a day of a result past its deadline, not of one still in time nor one its lifecycle reminds of', async () => {
    const late = await stored('exam-late', 'EXAM');
    await stored('exam-in-time', 'EXAM', { timeline: { ...late.timeline, resultsDueAt: '2099-01-01T00:00:00Z' } });
    await stored('exam-waiting', 'EXAM', { lifecycle: { waitingFor: 'examResult', taskToken: 'token-exam' } });
    now = new Date(Date.parse(late.timeline.resultsDueAt) + 3600_000).toISOString();
    sent.length = 0;

    await remindOverdueExamResults(deps());
    await remindOverdueExamResults(deps());

    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([config.proctorsEmail]);
    expect(sent[0]?.placementId).toBe('exam-late');
  });
});

describe('the staff digest', () => {
  it('lists every placement that needs a person, and sends nothing when none does', async () => {
    const flagged = await stored('flagged-1', 'AWAITING_ONBOARDING');
    const change = flagForAttention(flagged, 'The client has not completed the paperwork after the last reminder.', { at: now, by: staff });
    await table.repository.save(change.placement, change.entries);
    sent.length = 0;

    const digest = await sendStaffDigest(deps());

    expect(digest.items).toBeGreaterThanOrEqual(2); // the flagged one and the overdue exam above
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([config.customerServiceEmail]);
    expect(sent[0]?.text).toContain('flagged-1');
    expect(sent[0]?.text).toContain('exam-late');
  });
});

describe('reconciliation', () => {
  it('starts a fresh execution only for placements in flight whose execution is gone, timed out or aborted', async () => {
    const quiet = { updatedAt: '2025-01-01T00:00:00Z' };
    await stored('running-1', 'READY', { ...quiet, lifecycle: { executionArn: 'arn:running' } });
    await stored('gone-1', 'IN_CERTIFICATION', { ...quiet, lifecycle: { executionArn: 'arn:gone' } });
    await stored('timed-out-1', 'AWAITING_ONBOARDING', { ...quiet, lifecycle: { executionArn: 'arn:timed-out' } });
    await stored('just-created', 'SELECTED', { updatedAt: now, lifecycle: { executionArn: 'arn:gone' } });
    await stored('finished-1', 'ACTIVE', { ...quiet, lifecycle: { executionArn: 'arn:gone' } });
    const statuses: Record<string, string> = { 'arn:running': 'RUNNING', 'arn:gone': 'missing', 'arn:timed-out': 'TIMED_OUT' };
    const started: string[] = [];

    const result = await reconcilePlacements(
      {
        placements: table.repository,
        workflow: {
          status: async (arn) => statuses[arn] ?? 'missing',
          start: async (placementId, name) => (started.push(`${placementId}|${name}`), { executionArn: `arn:${name}`, alreadyRunning: false }),
        },
        clock: { now: () => now },
      },
      { settleMinutes: 5 },
    );

    const resumed = started.map((entry) => entry.split('|')[0]);
    expect(resumed).toContain('gone-1');
    expect(resumed).toContain('timed-out-1');
    expect(resumed).not.toContain('running-1');
    expect(resumed).not.toContain('just-created');
    expect(resumed).not.toContain('finished-1');
    expect(result.resumed).toEqual(resumed);
    expect(started.every((entry) => /^[^|]+\|[^|]+-\d{14}$/.test(entry))).toBe(true);
  });
});
