import { beforeAll, describe, expect, it } from 'vitest';
import { newYorkInterview } from '../support/fixtures';
import { admin, advanceTo, completePaperwork, contractLinks, emailsFor, readPlacement, recordExamScore } from '../support/lifecycle';
import { expectAccessible, useBrowser } from '../support/browser';
import { postJson } from '../support/local-system';
import { selectionScenario } from '../support/scenario';

// What a client sees in a real browser: the verification page a certificate's QR code and letter link
// to, genuine and revoked, and the friendly page of a link that does not work, each accessible.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: {
    genuine: newYorkInterview,
    revoked: { ...newYorkInterview, clientEmail: 'revoked@example.com', company: 'Harbor Legal' },
  },
});
const browser = useBrowser('public pages');
const certificates = new Map<'genuine' | 'revoked', string>();
let contractLink = '';

beforeAll(async () => {
  const { system } = scenario;
  await advanceTo(system, '2030-04-02T13:00:00Z');
  contractLink = contractLinks((await emailsFor(system, scenario.genuine))[0] ?? { text: '' })[0] ?? '';
  for (const name of ['genuine', 'revoked'] as const) await completePaperwork(system, scenario[name].id);
  await advanceTo(system, '2030-04-12T19:00:00Z');
  for (const name of ['genuine', 'revoked'] as const) {
    expect((await recordExamScore(system, scenario[name].id, 91)).status).toBe(200);
    certificates.set(name, (await readPlacement(system, scenario[name].id)).certificate?.id ?? '');
  }
  expect((await postJson(`${system.baseUrl}/placements/${scenario.revoked.id}/revoke-certificate`, { reason: 'Issued in error.' }, admin)).status).toBe(200);
});

describe('the pages a client opens', () => {
  it('shows a genuine certificate as valid, with the VE, the company and the day of issue', async () => {
    const { page } = browser;

    const response = await page.goto(`${scenario.system.baseUrl}/certificates/${certificates.get('genuine') ?? ''}`);

    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('VALID');
    expect(text).toContain('Maria Santos');
    expect(text).toContain('Whitfield Dental');
    expect(text).not.toContain('maria.santos@ve.example'); // no other personal data
    expect(await page.getByRole('img', { name: 'Virtual Employee Staffing' }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await browser.screenshot('verification page'); // docs/verification-page.png, shown in the README, is a copy
  });

  it('shows a revoked certificate as revoked, with the day, never as valid', async () => {
    const { page } = browser;

    await page.goto(`${scenario.system.baseUrl}/certificates/${certificates.get('revoked') ?? ''}`);

    const text = await page.locator('main').innerText();
    expect(text).toContain('REVOKED');
    expect(text).not.toContain('VALID');
    await expectAccessible(page);
    await browser.screenshot('revoked certificate');
  });

  it('answers a cut-short link with a friendly page naming how to reach Customer Service', async () => {
    const { page } = browser;
    const truncated = contractLink.replace(/key=.*/, 'key=abc');

    const response = await page.goto(truncated);

    expect(response?.status()).toBe(404);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/Customer Service/);
    expect(text).toContain('customer.service@agency.example.com');
    expect(text).not.toMatch(/"error"|INVALID_INPUT|too_small/);
    await expectAccessible(page);
    await browser.screenshot('bad link');
  });
});
