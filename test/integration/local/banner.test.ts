import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banner } from '../../../local/banner';
import { defaultStaffToken } from '../../../local/config';
import { get, startTestSystem, type LocalSystem } from '../../support/local-system';

// `npm start` says where the staff console is and which token signs in to it.

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('the start-up banner', () => {
  it('names the console URL, which serves the console, and the token to sign in with', async () => {
    const text = banner(system, defaultStaffToken);

    const consoleLine = text.split('\n').find((line) => line.includes('Staff console'));
    expect(consoleLine).toContain(`${system.baseUrl}/console`);
    expect(consoleLine).toContain(defaultStaffToken);
    const page = await get(`${system.baseUrl}/console`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
  });
});
