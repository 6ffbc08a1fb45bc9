import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStaffToken } from '../../../local/config';
import { newYorkInterview, selectionBody } from '../../support/fixtures';
import { get, json, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// What no name holds is refused at the door, before anything is written, with the field named.

let system: LocalSystem;
const staff = { authorization: `Bearer ${defaultStaffToken}` };

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
});

afterAll(async () => {
  await system?.stop();
});

const selected = async () => json(await get(`${system.baseUrl}/placements?status=SELECTED`, staff)) as { items: unknown[] };

describe('names in a recorded selection', () => {
  it.each([
    ['a company with a line break', { company: 'Whitfield\nDental' }, 'client.company'],
    ['a right-to-left override in the client name', { name: 'Dana \u202Efdp.exe' }, 'client.name'],
    ['a company of zero-width spaces only', { company: '\u200B\u200B' }, 'client.company'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_case, client, field) => {
    // Prepare
    const body = selectionBody(newYorkInterview);

    // Act
    const response = await postJson(`${system.baseUrl}/placements`, { ...body, client: { ...body.client, ...client } }, staff);

    // Assess
    expect(response.status).toBe(400);
    expect(JSON.stringify(json(response))).toContain(field);
    expect((await selected()).items).toEqual([]);
  });
});
