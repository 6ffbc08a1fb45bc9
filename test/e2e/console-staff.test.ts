import { beforeAll, describe, expect, it } from 'vitest';
import { newYorkInterview } from '../support/fixtures';
import { z } from 'zod';
import { admin, advanceTo, readPlacement } from '../support/lifecycle';
import { get, json } from '../support/local-system';
import { expectAccessible, matchSystemClock, signIn, staffTokenFor, useBrowser } from '../support/browser';
import { selectionScenario } from '../support/scenario';

// Staff at the console: sign in with a token, read a selection's plan before saving it, record it, find it on the
// board (a placement that needs attention leads, with its reason), open its page, cancel, sign out.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: { forgotten: { ...newYorkInterview, clientEmail: 'quiet@client.example.com', company: 'Quiet Co' } },
});
const browser = useBrowser('console staff');
let staffToken: string;

beforeAll(async () => {
  staffToken = await staffTokenFor(scenario.system, 'Sam Staff', 'staff');
  // The quiet client never signs nor pays: the reminders run out and Customer Service is told.
  await advanceTo(scenario.system, '2030-04-16T12:00:00Z');
});

describe('the staff console', () => {
  it('opens on an accessible sign-in page that refuses a wrong token', async () => {
    const { page } = browser;
    await page.goto(`${scenario.system.baseUrl}/console`);

    await page.getByRole('heading', { level: 1, name: 'Sign in to the VE Staffing console' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Staff token').fill('vec_notAToken000000000000000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('not accepted');
    await browser.screenshot('sign-in refused');
  });

  it('shows the plan of a selection in agency and client time before saving it, then records it', async () => {
    const { page } = browser;
    await signIn(page, scenario.system, staffToken);
    await page.getByRole('link', { name: 'Record a selection' }).first().click();
    await page.getByRole('heading', { name: 'Record a selection' }).waitFor();

    const client = page.getByRole('group', { name: 'The client' });
    const ve = page.getByRole('group', { name: 'The VE' });
    await client.getByLabel('Contact name').fill('Lucía Ortega');
    await client.getByLabel('Email').fill('lucia@ortega.example.com');
    await client.getByLabel('Company').fill('Ortega Viajes');
    await client.getByLabel('Timezone').selectOption('Europe/Madrid');
    await ve.getByLabel('Name').fill('Maria Santos');
    await ve.getByLabel('Email').fill('maria@ve.example.com');
    await ve.getByLabel('Phone').fill('+34 600 000 000');
    await page.getByLabel("Date and time, in the client's timezone").fill('2030-04-15T10:00');
    await expectAccessible(page);
    await browser.screenshot('record a selection (filled in)');
    await page.getByRole('button', { name: 'Show the plan' }).click();

    const preview = page.getByRole('table', { name: 'The plan, not saved yet' });
    await preview.waitFor();
    expect(await preview.getByRole('columnheader').allTextContents()).toEqual(['When', 'Agency time (America/Chicago)', 'Client time (Europe/Madrid)']);
    // Interviewed Monday 10:00 in Madrid: the week starts the Monday after, 09:00 Chicago (16:00 in Madrid).
    const plannedStart = preview.getByRole('row', { name: /Certification week starts/ });
    expect(await plannedStart.getByRole('cell').allTextContents()).toEqual(['Mon, Apr 22, 2030, 9:00 AM CDT', 'Mon, Apr 22, 2030, 4:00 PM GMT+2']);
    const listed = z.object({ items: z.array(z.object({ client: z.object({ email: z.string() }) })) });
    const inFlight = async () => listed.parse(json(await get(`${scenario.system.baseUrl}/placements`, admin))).items.map((item) => item.client.email);
    expect(await inFlight()).not.toContain('lucia@ortega.example.com');
    await expectAccessible(page);
    await browser.screenshot('record a selection (the plan before saving)');
    await page.getByRole('button', { name: 'Record the selection' }).click();

    const recorded = page.getByRole('status').filter({ hasText: 'Recorded' });
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain('Maria Santos for Ortega Viajes');
    expect(await inFlight()).toContain('lucia@ortega.example.com');
    const plan = page.getByRole('table', { name: 'The plan', exact: true });
    expect(await plan.getByRole('columnheader').allTextContents()).toEqual(['When', 'Agency time (America/Chicago)', 'Client time (Europe/Madrid)']);
    const weekStart = plan.getByRole('row', { name: /Certification week starts/ });
    expect(await weekStart.getByRole('cell').allTextContents()).toEqual(['Mon, Apr 22, 2030, 9:00 AM CDT', 'Mon, Apr 22, 2030, 4:00 PM GMT+2']);
    await expectAccessible(page);
  });

  it("shows the new placement on next week's board and puts the one that needs attention first, with its reason", async () => {
    const { page } = browser;
    await signIn(page, scenario.system, staffToken);

    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('link', { name: 'Maria Santos' }).waitFor();
    expect(await page.getByRole('table').getByRole('caption').textContent()).toContain('Certification week of Mon, Apr 22, 2030');
    await expectAccessible(page);
    await browser.screenshot('board next week');

    await page.getByRole('button', { name: 'By status' }).click();
    await page.getByLabel('Status').selectOption('AWAITING_ONBOARDING');
    await page.getByRole('table').getByText('Placements awaiting paperwork · 2 placements').waitFor();
    const rows = page.getByRole('table').getByRole('row');
    const flagged = await readPlacement(scenario.system, scenario.forgotten.id);
    expect(flagged.needsAttention?.reason).toBeDefined();
    expect(await rows.nth(1).textContent()).toContain('Quiet Co');
    expect(await rows.nth(1).textContent()).toContain(flagged.needsAttention?.reason ?? 'a reason');
    expect(await rows.nth(2).textContent()).toContain('Maria Santos');
    await expectAccessible(page);
    await browser.screenshot('board by status');
  });

  it("opens a placement's page with its timeline, paperwork and history, corrects the VE's name and cancels it with a reason", async () => {
    const { page } = browser;
    await signIn(page, scenario.system, staffToken);
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('link', { name: 'Maria Santos' }).click();

    await page.getByRole('heading', { level: 1, name: /Maria Santos/ }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(['People', 'Contract and reserve', 'Actions', 'Timeline', 'History and emails sent']),
    );
    const history = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'What' }) });
    expect(await history.textContent()).toContain('Selection recorded');
    await expectAccessible(page);
    await browser.screenshot('placement page');

    await page.getByText("Correct the client's or the VE's details").click();
    await page.getByLabel('VE name').fill('María Santos');
    await page.getByLabel('Why (for the history, optional)').fill('Her name has an accent.');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    await page.getByRole('heading', { level: 1, name: /María Santos/ }).waitFor();
    expect(await history.textContent()).toContain('Details corrected');

    await page.getByLabel('Reason for cancelling').fill('The client chose another candidate.');
    await page.getByRole('button', { name: 'Cancel the placement' }).click();
    await page.getByRole('status').filter({ hasText: 'cancelled' }).waitFor();
    await scenario.system.clock.waitForIdle();

    await page.getByRole('note').filter({ hasText: 'The client chose another candidate.' }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#/placements/', ''));
    expect((await readPlacement(scenario.system, id)).status).toBe('CANCELLED');
  });

  it('signs out: the session ends and the console asks for a token again', async () => {
    const { page } = browser;
    await signIn(page, scenario.system, staffToken);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Staff token').waitFor();
    await matchSystemClock(page, scenario.system);
    await page.reload();

    await page.getByLabel('Staff token').waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });
});
