import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStaffToken } from '../../../local/config';
import { newYorkInterview, selectionBody } from '../../support/fixtures';
import { advanceClock, get, json, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// Dates no selection can have are typing mistakes: refused with the field named, nothing written.

let system: LocalSystem;
const staff = { authorization: `Bearer ${defaultStaffToken}` };
const now = '2030-04-02T12:00:00Z';

beforeAll(async () => {
  system = await startTestSystem({ now: new Date(now) });
});

afterAll(async () => {
  // The accepted selections' lifecycles have started: let them settle before the tables close.
  await advanceClock(system, { advanceBy: 'PT0S' });
  await system?.stop();
});

const selected = async () => json(await get(`${system.baseUrl}/placements?status=SELECTED`, staff)) as { items: unknown[] };

describe('the dates of a recorded selection', () => {
  it.each([
    ['an interview in 2200', { interviewAt: '2200-01-01T15:00:00Z' }, 'interviewAt'],
    ['an interview an hour from now', { interviewAt: '2030-04-02T13:00:00Z' }, 'interviewAt'],
    ['a selection in 1900', { selectedAt: '1900-01-01T15:00:00Z' }, 'selectedAt'],
    ['a selection tomorrow', { selectedAt: '2030-04-03T12:00:00Z' }, 'selectedAt'],
    ['a selection before its interview', { interviewAt: '2030-04-01T15:00:00Z', selectedAt: '2030-04-01T14:00:00Z' }, 'interviewAt'],
    ['an interview 91 days ago', { interviewAt: '2030-01-01T11:00:00Z' }, 'interviewAt'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_case, dates, field) => {
    // Prepare
    const body = { ...selectionBody(newYorkInterview), ...dates };

    // Act
    const response = await postJson(`${system.baseUrl}/placements`, body, staff);

    // Assess
    expect(response.status).toBe(400);
    const error = (json(response) as { error: { code: string; details: { field: string }[] } }).error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details.map((detail) => detail.field)).toContain(field);
    expect((await selected()).items).toEqual([]);
  });

  it.each([
    ['a selection now, after yesterday’s interview', {}],
    ['a selection stamped three minutes ahead (clock skew)', { selectedAt: '2030-04-02T12:03:00Z' }],
    ['an interview 89 days ago, selected today', { interviewAt: '2030-01-04T15:00:00Z' }],
  ])('accepts %s', async (_case, dates) => {
    const body = { ...selectionBody(newYorkInterview), ...dates };

    const response = await postJson(`${system.baseUrl}/placements`, body, staff);

    expect(response.status).toBe(201);
  });
});
