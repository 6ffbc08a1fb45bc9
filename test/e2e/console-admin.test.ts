import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startTestSystem, type LocalSystem } from '../support/local-system';
import { expectAccessible, signIn, staffTokenFor, useBrowser } from '../support/browser';

// An admin at the console's staff-token screen: issues a proctor's token, sees it once (and not after
// leaving the screen), then revokes it after confirming; the revoked token opens nothing.

const browser = useBrowser('console admin');
let system: LocalSystem;
let adminToken: string;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  adminToken = await staffTokenFor(system, 'Alex Admin', 'admin');
});

afterAll(async () => {
  await system?.stop();
});

describe('the staff-token screen', () => {
  it('issues a token shown once, then revokes it after a confirmation', async () => {
    // Arrange
    const { page } = browser;
    await signIn(page, system, adminToken);
    await page.getByRole('link', { name: 'Staff tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff tokens' }).waitFor();
    await expectAccessible(page);

    // Act: issue
    await page.getByLabel('Who holds it').fill('Pat Proctor');
    await page.getByLabel('Role').selectOption('proctor');
    await page.getByRole('button', { name: 'Issue the token' }).click();

    // Assess: the token, once, with the warning; the listing shows the holder but not the token
    const shown = page.getByLabel('The new token', { exact: true });
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^vec_/);
    expect(await page.getByRole('status').filter({ hasText: 'cannot be shown again' }).count()).toBe(1);
    const row = page.getByRole('row', { name: /Pat Proctor/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('proctor');
    expect(await page.getByRole('table').textContent()).not.toContain(token);
    await expectAccessible(page);
    await browser.screenshot('token issued');
    expect((await get(`${system.baseUrl}/placements?status=EXAM`, { authorization: `Bearer ${token}` })).status).toBe(200);

    // Act: leave and come back
    await page.getByRole('link', { name: 'Cohort board' }).click();
    await page.getByRole('link', { name: 'Staff tokens' }).click();
    await page.getByRole('row', { name: /Pat Proctor/ }).waitFor();

    // Assess: gone for good
    expect(await page.getByLabel('The new token', { exact: true }).count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    // Act: revoke, first changing one's mind, then confirming
    await page.getByRole('button', { name: 'Revoke the token of Pat Proctor' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Revoke the token of Pat Proctor' }).click();
    await page.getByRole('group', { name: 'Revoke the token of Pat Proctor?' }).waitFor();
    await expectAccessible(page);
    await browser.screenshot('revoke confirmation');
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();

    // Assess
    await page.getByRole('status').filter({ hasText: 'The token of Pat Proctor is revoked.' }).waitFor();
    await page.getByRole('row', { name: /Pat Proctor.*Revoked/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Revoke the token of Pat Proctor' }).count()).toBe(0);
    expect((await get(`${system.baseUrl}/placements?status=EXAM`, { authorization: `Bearer ${token}` })).status).toBe(403);
  });

  it('is not offered to other roles', async () => {
    // Arrange
    const { page } = browser;
    const staffToken = await staffTokenFor(system, 'Sam Staff', 'staff');

    // Act
    await signIn(page, system, staffToken);
    await page.goto(`${system.baseUrl}/console#/tokens`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // Assess
    expect(await page.getByRole('link', { name: 'Staff tokens' }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1, name: 'Staff tokens' }).count()).toBe(0);
  });
});
