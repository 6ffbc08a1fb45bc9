import { beforeAll, describe, expect, it } from 'vitest';
import { newYorkInterview } from '../support/fixtures';
import { advanceTo, completePaperwork, readPlacement } from '../support/lifecycle';
import { expectAccessible, signIn, staffTokenFor, useBrowser } from '../support/browser';
import { selectionScenario } from '../support/scenario';

// A proctor at the console on exam Friday: today's exams with the pass mark in sight, a score
// entered, and the placement certified.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: { examined: newYorkInterview, late: { ...newYorkInterview, clientEmail: 'late@client.example.com', company: 'Late Co' } },
});
const browser = useBrowser('console proctor');
let proctorToken: string;

beforeAll(async () => {
  proctorToken = await staffTokenFor(scenario.system, 'Pat Proctor', 'proctor');
  await advanceTo(scenario.system, '2030-04-02T13:00:00Z');
  await completePaperwork(scenario.system, scenario.examined.id);
  await completePaperwork(scenario.system, scenario.late.id);
  // Friday 14:00 in Chicago: both exams began at 13:00 and wait for their scores.
  await advanceTo(scenario.system, '2030-04-12T19:00:00Z');
});

describe('the proctor at the console', () => {
  it("lands on today's exams, each with the pass mark beside the score field", async () => {
    const { page } = browser;
    await signIn(page, scenario.system, proctorToken);

    await page.getByRole('heading', { level: 1, name: 'Exams' }).waitFor();
    const today = page.getByRole('region', { name: 'Today' });
    await today.getByRole('heading', { name: /for Late Co/ }).waitFor();
    expect(await today.getByRole('heading', { level: 3 }).count()).toBe(2);
    expect(await today.getByLabel(/Score out of 100/).first().evaluate((input) => input.parentElement?.textContent)).toContain('pass mark 80');
    await expectAccessible(page);
    await browser.screenshot('exams today');
  });

  it('records a passing score: the console says so and the placement is certified', async () => {
    const { page } = browser;
    await signIn(page, scenario.system, proctorToken);
    const card = page.getByRole('region', { name: /for Whitfield Dental/ });

    await card.getByLabel(/Score out of 100/).fill('92');
    await card.getByLabel('Notes (optional)').fill('Strong on scheduling.');
    await card.getByRole('button', { name: 'Record the score' }).click();

    await card.getByRole('status').filter({ hasText: 'Recorded 92/100' }).waitFor();
    expect(await card.getByRole('status').textContent()).toContain('passed');
    await scenario.system.clock.waitForIdle();
    const placement = await readPlacement(scenario.system, scenario.examined.id);
    expect(placement.status).toBe('CERTIFIED');
    expect(placement.certificate?.id).toBeDefined();
    await browser.screenshot('score recorded');
  });

  it('shows an exam as overdue once its result is past due, and the certified placement no longer waits', async () => {
    await advanceTo(scenario.system, '2030-04-13T01:00:00Z'); // Friday 20:00 in Chicago: the 17:00 deadline passed
    const { page } = browser;
    await signIn(page, scenario.system, proctorToken);

    const overdue = page.getByRole('region', { name: 'Overdue' });
    await overdue.getByRole('heading', { name: /for Late Co/ }).waitFor();
    expect(await overdue.textContent()).toContain('(overdue)');
    expect(await page.getByRole('heading', { level: 3, name: /for Whitfield Dental/ }).count()).toBe(0);
    await expectAccessible(page);
    await browser.screenshot('exams overdue');
  });
});
