import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newYorkInterview, type SelectionInput } from '../../support/fixtures';
import { admin, advanceTo, cancelPlacement, completePaperwork, readPlacement, recordSelection } from '../../support/lifecycle';
import { advanceClock, get, json, startTestSystem, type LocalSystem } from '../../support/local-system';

// GET /placements with no filter: what staff are working on, the placements still in flight, newest
// first, a page at a time, finished ones (here a cancelled one) left out.

let system: LocalSystem;
const ids: Record<'first' | 'second' | 'cancelled' | 'fourth' | 'newest', string> = { first: '', second: '', cancelled: '', fourth: '', newest: '' };

const listSchema = z.object({ items: z.array(z.looseObject({ id: z.string(), status: z.string() })), nextToken: z.string().optional() });
const list = async (query = '') => {
  const response = await get(`${system.baseUrl}/placements${query}`, admin);
  expect(response.status, response.body).toBe(200);
  return listSchema.parse(json(response));
};

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  for (const [position, name] of (['first', 'second', 'cancelled', 'fourth', 'newest'] as const).entries()) {
    const selection: SelectionInput = { ...newYorkInterview, clientEmail: `client${position}@example.com`, company: `Company ${position}` };
    ids[name] = (await recordSelection(system, selection)).id;
    await advanceClock(system, { advanceBy: 'PT1M' }); // one a minute: their ids sort as they were made
  }
  await advanceTo(system, '2030-04-02T13:10:00Z'); // the onboarding links are out
  await completePaperwork(system, ids.second);
  await cancelPlacement(system, ids.cancelled, 'The client chose another candidate.');
});

afterAll(async () => {
  await system?.stop();
});

describe('GET /placements without status or week', () => {
  it('lists the placements in flight, whatever their status, newest first, and leaves the finished out', async () => {
    // Act
    const page = await list();

    // Assess
    expect(page.items.map((placement) => placement.id)).toEqual([ids.newest, ids.fourth, ids.second, ids.first]);
    expect((await readPlacement(system, ids.second)).status).toBe('READY');
    expect(page.items.find((placement) => placement.id === ids.second)?.status).toBe('READY');
    expect(new Set(page.items.map((placement) => placement.status))).toEqual(new Set(['AWAITING_ONBOARDING', 'READY']));
    expect(page.nextToken).toBeUndefined();
    // Still there for whoever asks by its status.
    expect((await list('?status=CANCELLED')).items.map((placement) => placement.id)).toEqual([ids.cancelled]);
  });

  it('pages through them with nextToken, each placement once, in the same order', async () => {
    // Act
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await list(`?limit=1${nextToken === undefined ? '' : `&nextToken=${encodeURIComponent(nextToken)}`}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((placement) => placement.id));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken !== undefined && pages < 10);

    // Assess
    expect(seen).toEqual([ids.newest, ids.fourth, ids.second, ids.first]);
  });

  it("refuses a nextToken that is not this listing's, and a status listing's token", async () => {
    // Prepare
    const statusPage = await list('?status=AWAITING_ONBOARDING&limit=1');

    // Act
    const forged = await get(`${system.baseUrl}/placements?nextToken=${Buffer.from('{"olderThan":"../x"}').toString('base64url')}`, admin);
    const fromAnother = await get(`${system.baseUrl}/placements?nextToken=${statusPage.nextToken ?? 'missing'}`, admin);

    // Assess
    expect(forged.status).toBe(400);
    expect(fromAnother.status).toBe(400);
    expect(json(fromAnother)).toMatchObject({ error: { code: 'INVALID_INPUT', details: { field: 'nextToken' } } });
  });

  it('still refuses status and week together', async () => {
    const response = await get(`${system.baseUrl}/placements?status=READY&week=2030-04-08`, admin);

    expect(response.status).toBe(400);
  });
});
