import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../../functions/application/ports';
import { remindOverdueExamResults, sendStaffDigest, type CohortDeps } from '../../../functions/application/cohort-jobs';
import { DynamoDuePlacements } from '../../../functions/adapters/dynamodb/due-placements';
import { dailySweep, reconcilePlacements } from '../../../functions/application/reconcile';
import { DynamoMentorCaseRepository } from '../../../functions/adapters/dynamodb/mentor-case-repository';
import { acknowledgeCase, openMentorCase } from '../../../functions/application/mentor-cases';
import type { MentorCase } from '../../../functions/domain/mentor-cases';
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

describe('overdue exam results', () => {
  it('reminds the proctors once a day of a result past its deadline, not of one still in time nor one its lifecycle reminds of', async () => {
    const late = await stored('exam-late', 'EXAM');
    await stored('exam-in-time', 'EXAM', { timeline: { ...late.timeline, resultsDueAt: '2099-01-01T00:00:00Z' } });
    await stored('exam-waiting', 'EXAM', { lifecycle: { waitingFor: 'examResult', taskToken: 'token-exam' } });
    now = new Date(Date.parse(late.timeline.resultsDueAt) + 3600_000).toISOString();
    sent.length = 0;

    const due = { ...deps(), duePlacements: new DynamoDuePlacements(table.documentClient, table.tableName) };
    await remindOverdueExamResults(due);
    await remindOverdueExamResults(due);

    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([config.proctorsEmail]);
    expect(sent[0]?.placementId).toBe('exam-late');
  });
});

describe('the staff digest', () => {
  const mentorCases = () => new DynamoMentorCaseRepository(table.documentClient, table.tableName);
  const digestDeps = () => ({ ...deps(), mentorCases: mentorCases() });
  const mentor = { kind: 'staff', name: 'Ana Mentor', role: 'mentor' } as const;

  /** A "Talk to us" case on an active placement of its own, opened at `openedAt`. */
  async function caseOpenedAt(caseId: string, openedAt: string): Promise<MentorCase> {
    const placement = await stored(`placement-of-${caseId}`, 'ACTIVE');
    const opening = { placements: table.repository, mentorCases: mentorCases(), mailer: deps().mailer, agency: config, clock: { now: () => openedAt } };
    return openMentorCase(opening, placement, { caseId, reason: 'TALK_TO_US', message: 'How do I hand over my calendar?', by: staff });
  }

  async function digestAt(instant: string): Promise<string> {
    now = instant;
    sent.length = 0;
    await sendStaffDigest(digestDeps());
    return sent[0]?.text ?? '';
  }

  it('lists every placement that needs a person, and sends nothing when none does', async () => {
    const flagged = await stored('flagged-1', 'AWAITING_ONBOARDING');
    const change = flagForAttention(flagged, 'The client has not completed the paperwork after the last reminder.', { at: now, by: staff });
    await table.repository.save(change.placement, change.entries);
    sent.length = 0;

    const digest = await sendStaffDigest(digestDeps());

    expect(digest.items).toBeGreaterThanOrEqual(2); // the flagged one and the overdue exam above
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual([config.customerServiceEmail]);
    expect(sent[0]?.text).toContain('flagged-1');
    expect(sent[0]?.text).toContain('exam-late');
  });

  it('lists a case no mentor acknowledged within two working days, and not one a mentor acknowledged', async () => {
    // Monday 14 July 2025, 10:00 in Chicago: due by Wednesday 10:00.
    await caseOpenedAt('case-waiting', '2025-07-14T15:00:00Z');
    await caseOpenedAt('case-taken', '2025-07-14T15:00:00Z');
    await acknowledgeCase({ placements: table.repository, mentorCases: mentorCases(), clock: { now: () => '2025-07-14T16:00:00Z' } }, 'case-taken', {}, mentor);

    const wednesdayMorning = await digestAt('2025-07-16T13:00:00Z');
    const thursdayMorning = await digestAt('2025-07-17T13:00:00Z');

    expect(wednesdayMorning).not.toContain('case-waiting');
    expect(thursdayMorning).toContain('mentor case case-waiting (the client wrote)');
    expect(thursdayMorning).toContain('placement-of-case-waiting');
    expect(thursdayMorning).not.toContain('case-taken');
  });

  it('counts working days: a case opened on Friday afternoon is not due on Monday, nor on Tuesday morning', async () => {
    // Friday 18 July 2025, 15:00 in Chicago: due by Tuesday 15:00.
    await caseOpenedAt('case-friday', '2025-07-18T20:00:00Z');

    const monday = await digestAt('2025-07-21T13:00:00Z');
    const tuesday = await digestAt('2025-07-22T13:00:00Z');
    const wednesday = await digestAt('2025-07-23T13:00:00Z');

    expect(monday).not.toContain('case-friday');
    expect(tuesday).not.toContain('case-friday');
    expect(wednesday).toContain('case-friday');
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
      dailySweep,
    );

    const resumed = started.map((entry) => entry.split('|')[0]);
    expect(resumed).toContain('gone-1');
    expect(resumed).toContain('timed-out-1');
    expect(resumed).not.toContain('running-1');
    expect(resumed).not.toContain('just-created');
    expect(resumed).not.toContain('finished-1');
    expect(result.resumed).toEqual(resumed);
    // Named after the stopped execution, so the status-change event for it would start the same one.
    const named = started.filter((entry) => entry.startsWith('gone-1|') || entry.startsWith('timed-out-1|'));
    expect(named).toHaveLength(2);
    expect(named.every((entry) => /^[^|]+\|[^|]+-[0-9a-f]{16}$/.test(entry))).toBe(true);
  });
});
