import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStaffToken } from '../../local/config';
import { startTestSystem, type LocalSystem } from '../support/local-system';
import { useBrowser } from '../support/browser';

// A newcomer opens /docs: the whole API, readable, and "Try it out" against this API with a staff
// token. The page fails the test if the policy refused anything it needed (useBrowser).

let system: LocalSystem;
const browser = useBrowser('api docs');

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('/docs in a browser', () => {
  it('shows every route group of the document, loading nothing from another origin', async () => {
    const { page } = browser;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    await page.goto(`${system.baseUrl}/docs`);
    await page.getByText('/placements/{id}/exam-result').first().waitFor();

    expect(await page.getByText('/certificates/{id}').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Authorize', exact: true }).count()).toBe(1);
    const origins = new Set(requested.filter((url) => !url.startsWith('data:')).map((url) => new URL(url).origin));
    expect([...origins]).toEqual([new URL(system.baseUrl).origin]);
    await browser.screenshot('api document');
  });

  it('tries GET /placements with a staff token typed into Authorize, and shows the answer', async () => {
    const { page } = browser;
    await page.goto(`${system.baseUrl}/docs`);
    await page.getByRole('button', { name: 'Authorize', exact: true }).click();
    const dialog = page.locator('.auth-container');
    await dialog.getByRole('textbox').fill(defaultStaffToken);
    await dialog.getByRole('button', { name: 'Apply credentials' }).click();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const operation = page.locator('.opblock-get:has(.opblock-summary-path[data-path="/placements"])');
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    const answer = operation.locator('.live-responses-table .response .response-col_status').first();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('200');
    // The token stays in the page's memory: nothing another script on this origin could read later.
    expect(await page.evaluate('JSON.stringify(window.localStorage)')).not.toContain(defaultStaffToken);
    await browser.screenshot('tried GET placements');
  });
});
