import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newYorkInterview, selectionBody, type SelectionInput } from '../../support/fixtures';
import { admin, advanceTo, sentEmails } from '../../support/lifecycle';
import { get, json, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// Staff see the plan of a selection before saving it: the very timeline recording it gives, while
// nothing is stored and no lifecycle starts.

let system: LocalSystem;
// The New York links are due at 13:00Z, hours away: the plan does not depend on the minute it is asked.
const now = '2030-04-02T05:00:00Z';

const planSchema = z.strictObject({ timeline: z.looseObject({ linksAt: z.string(), certificationWeek: z.string(), examAt: z.string() }) });
const recordedSchema = z.looseObject({ id: z.string(), timeline: z.record(z.string(), z.unknown()) });

async function wholeTable(): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint: system.endpoints.dynamodb });
  try {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: system.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
  } finally {
    client.destroy();
  }
}

const planOf = (input: SelectionInput) => postJson(`${system.baseUrl}/placements/plan`, selectionBody(input), admin);

beforeAll(async () => {
  system = await startTestSystem({ now: new Date(now) });
});

afterAll(async () => {
  await system?.stop();
});

describe('the plan of a selection before it is saved', () => {
  it.each<[string, SelectionInput]>([
    ['a New York client interviewed yesterday', { ...newYorkInterview, clientEmail: 'ny@plan.example.com' }],
    ['a Manila client selected an hour after the interview', { clientTimezone: 'Asia/Manila', interviewAt: '2030-04-02T01:00:00Z', selectedAt: '2030-04-02T02:00:00Z', clientEmail: 'mnl@plan.example.com' }],
    ['a Madrid client interviewed on Monday evening', { clientTimezone: 'Europe/Madrid', interviewAt: '2030-04-01T16:00:00Z', clientEmail: 'mad@plan.example.com' }],
  ])('for %s is the timeline the placement gets when recorded with the same body', async (_case, input) => {
    // Arrange
    const tableBefore = await wholeTable();

    // Act
    const planned = await planOf(input);
    const tableAfterPlanning = await wholeTable();
    const recorded = await postJson(`${system.baseUrl}/placements`, selectionBody(input), admin);
    await system.clock.waitForIdle();

    // Assess
    expect(planned.status, planned.body).toBe(200);
    expect(tableAfterPlanning).toEqual(tableBefore);
    expect(recorded.status, recorded.body).toBe(201);
    expect(planSchema.parse(json(planned)).timeline).toEqual(recordedSchema.parse(json(recorded)).timeline);
  });

  it("plans the New York selection's week for the Monday after the interview", async () => {
    const planned = planSchema.parse(json(await planOf(newYorkInterview)));

    expect(planned.timeline.certificationWeek).toBe('2030-04-08');
    expect(planned.timeline.linksAt).toBe('2030-04-02T13:00:00Z');
  });

  it('refuses a selection recording would refuse, naming the field', async () => {
    const response = await planOf({ ...newYorkInterview, interviewAt: '2200-01-01T15:00:00Z' });

    expect(response.status).toBe(400);
    const error = z.object({ error: z.object({ code: z.string(), details: z.array(z.object({ field: z.string() })) }) }).parse(json(response)).error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details.map((detail) => detail.field)).toContain('interviewAt');
  });

  it('starts nothing: no placement is listed and no email goes out when its links would be due', async () => {
    // Arrange
    const unsaved = { ...newYorkInterview, clientEmail: 'never-saved@plan.example.com', candidateEmail: 'never-saved@ve.example.com' };
    const planned = planSchema.parse(json(await planOf(unsaved)));

    // Act
    await advanceTo(system, new Date(Date.parse(planned.timeline.linksAt) + 3_600_000).toISOString());

    // Assess
    const listed = z.object({ items: z.array(z.object({ client: z.object({ email: z.string() }) })) }).parse(json(await get(`${system.baseUrl}/placements`, admin)));
    expect(listed.items.map((item) => item.client.email)).not.toContain(unsaved.clientEmail);
    const emails = await sentEmails(system);
    expect(emails.filter((email) => email.to.some((address) => address.startsWith('never-saved@')))).toEqual([]);
    // The recorded ones did get theirs: the clock really passed the moment.
    expect(emails.some((email) => email.to.includes('ny@plan.example.com'))).toBe(true);
  });
});
