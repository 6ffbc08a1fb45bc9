import { describe, expect, it } from 'vitest';
import { DynamoDuePlacements } from '../../../functions/adapters/dynamodb/due-placements';
import { DynamoMentorCaseRepository } from '../../../functions/adapters/dynamodb/mentor-case-repository';
import type { OutgoingEmail } from '../../../functions/application/ports';
import { sendDueCheckIns } from '../../../functions/application/relationship';
import { noHolidays } from '../../../functions/domain/agency-holidays';
import type { Placement } from '../../../functions/domain/placement';
import { startRelationship } from '../../../functions/domain/relationship';
import { config, linkKeys, newPlacement } from '../../support/domain-fixtures';
import { useInMemoryTable } from '../../support/table';

// The check-in job over a table of 2,000 active placements, ten of them due: it reads what it sends,
// not the table. Items read are counted from what DynamoDB returns to the job's own client.

const table = useInMemoryTable('check-ins-at-scale');

/** An ACTIVE placement whose VE started on `startDate` (a Monday, New York), its first check-in planned. */
function active(id: string, startDate: string): Placement {
  const base = newPlacement(id, { client: { name: 'Alex Client', email: `${id}@client.example`, company: 'Client Co', timezone: 'America/New_York' } });
  const placement: Placement = { ...base, status: 'ACTIVE', timeline: { ...base.timeline, startDate, startsAt: `${startDate}T13:00:00Z` } };
  return startRelationship(placement, noHolidays, { at: placement.timeline.startsAt, by: { kind: 'system', component: 'lifecycle' } }).placement;
}

describe('the check-in job at scale', () => {
  it('reads about as many items as it sends check-ins: 10 due among 2,000 active placements', async () => {
    const due = Array.from({ length: 10 }, (_, index) => active(`due-${String(index).padStart(2, '0')}`, '2031-03-03'));
    const later = Array.from({ length: 1_990 }, (_, index) => active(`later-${String(index).padStart(4, '0')}`, '2031-06-02'));
    const all = [...due, ...later];
    for (let start = 0; start < all.length; start += 50) {
      await Promise.all(all.slice(start, start + 50).map((placement) => table.repository.create(placement, [])));
    }
    const read = { items: 0, requests: 0 };
    table.documentClient.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { Items?: unknown[]; Item?: unknown };
        read.requests += 1;
        read.items += (output.Items?.length ?? 0) + (output.Item === undefined ? 0 : 1);
        return result;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
    const sent: OutgoingEmail[] = [];

    const outcome = await sendDueCheckIns({
      placements: table.repository,
      duePlacements: new DynamoDuePlacements(table.documentClient, table.tableName),
      mentorCases: new DynamoMentorCaseRepository(table.documentClient, table.tableName),
      mailer: { send: async (email) => (sent.push(email), { messageId: `m-${sent.length}` }) },
      agency: config,
      linkKeys,
      clock: { now: () => '2031-03-10T14:30:00Z' }, // Monday 10 March, 10:30 in New York
    });
    table.documentClient.middlewareStack.remove('countItemsRead');

    expect(outcome.sent).toBe(10);
    expect(sent.map((email) => email.to[0]).sort()).toEqual(due.map((placement) => placement.client.email).sort());
    // One index page (10 items), then per placement a fresh read and the read-before-save: 30 here, of 2,000 stored.
    expect(read.items).toBeLessThanOrEqual(40);
  });
});
