import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectionBody } from '../../support/fixtures';
import { admin } from '../../support/lifecycle';
import { get, json, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// GET /_local/metrics: the counts the bench prices a placement from.

const metricsSchema = z.object({
  stateTransitions: z.number(),
  lambda: z.record(z.string(), z.object({ count: z.number(), totalMs: z.number(), memoryMb: z.number() })),
  dynamodb: z.object({ readUnits: z.number(), writeUnits: z.number(), requests: z.record(z.string(), z.number()) }),
  emailsSent: z.number(),
  apiRequests: z.number(),
  stepFunctionsApiCalls: z.record(z.string(), z.number()),
});

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
});

afterAll(async () => {
  await system?.stop();
});

async function metrics() {
  const response = await get(`${system.baseUrl}/_local/metrics`);
  expect(response.status, response.body).toBe(200);
  return metricsSchema.parse(json(response));
}

describe('the local metrics', () => {
  it('count the invocations, table units, API requests and Step Functions calls of a selection being recorded', async () => {
    const before = await metrics();

    const created = await postJson(`${system.baseUrl}/placements`, selectionBody({ clientTimezone: 'America/New_York', interviewAt: '2030-04-01T15:00:00Z' }), admin);
    expect(created.status, created.body).toBe(201);
    await system.clock.waitForIdle();
    const after = await metrics();

    expect(after.lambda.createPlacement?.count).toBe((before.lambda.createPlacement?.count ?? 0) + 1);
    expect(after.lambda.staffAuthorizer?.count).toBe((before.lambda.staffAuthorizer?.count ?? 0) + 1);
    expect(after.lambda.createPlacement?.memoryMb).toBe(512);
    expect(after.apiRequests).toBe(before.apiRequests + 1);
    expect(after.dynamodb.writeUnits).toBeGreaterThan(before.dynamodb.writeUnits);
    expect(after.stepFunctionsApiCalls.StartExecution).toBe((before.stepFunctionsApiCalls.StartExecution ?? 0) + 1);
    expect(after.stateTransitions).toBeGreaterThan(before.stateTransitions);
  });

  it('count the emails sent once the links go out the next morning', async () => {
    const before = await metrics();

    await postJson(`${system.baseUrl}/_local/clock`, { advanceTo: '2030-04-02T14:00:00Z' });
    const after = await metrics();

    expect(after.emailsSent).toBe(before.emailsSent + 1);
    expect(after.lambda.lifecycleStep?.count ?? 0).toBeGreaterThan(before.lambda.lifecycleStep?.count ?? 0);
  });

  it('are not part of the API: reading them is not counted as an API request', async () => {
    const first = await metrics();
    const second = await metrics();

    expect(second.apiRequests).toBe(first.apiRequests);
  });
});
