import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newYorkInterview, sampleClient } from '../support/fixtures';
import { get, json, postJson } from '../support/local-system';
import { admin, advanceTo, completePaperwork, emailsFor, recordExamScore } from '../support/lifecycle';
import { expectAccessible, signIn, staffTokenFor, useBrowser } from '../support/browser';
import { selectionScenario } from '../support/scenario';

// A mentor at the console: the open case a client's "Talk to us" message opened, acknowledged, then
// closed with a note the client receives; the placement's relationship phase on its page.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { started: newYorkInterview } });
const browser = useBrowser('console mentor');
const clientMessage = 'Could Maria take over our supplier invoices?';
let mentorToken: string;
let caseId: string;

const caseSchema = z.looseObject({ status: z.string(), closedBy: z.string().optional(), notes: z.array(z.looseObject({ text: z.string() })) });

beforeAll(async () => {
  const { system } = scenario;
  mentorToken = await staffTokenFor(system, 'Morgan Mentor', 'mentor');
  await advanceTo(system, '2030-04-02T13:00:00Z');
  await completePaperwork(system, scenario.started.id);
  await advanceTo(system, '2030-04-12T19:00:00Z');
  await recordExamScore(system, scenario.started.id, 95);
  await advanceTo(system, '2030-04-15T13:00:00Z'); // the start: the welcome letter carries the "Talk to us" link
  const welcome = (await emailsFor(system, scenario.started)).at(-1);
  const talkLink = /https?:\/\/\S+\/links\/\S+\/talk-to-us\?key=\S+/.exec(welcome?.text ?? '')?.[0] ?? '';
  const opened = await postJson(talkLink, { message: clientMessage });
  expect(opened.status, opened.body).toBe(201);
  caseId = z.object({ caseId: z.string() }).parse(json(opened)).caseId;
  await system.clock.waitForIdle();
});

const caseNow = async () => {
  const response = await get(`${scenario.system.baseUrl}/cases?status=closed`, admin);
  return z.object({ items: z.array(caseSchema.extend({ id: z.string() })) }).parse(json(response)).items.find((listed) => listed.id === caseId);
};

describe('the mentor at the console', () => {
  it('lands on the open cases, with what the client wrote and by when to acknowledge', async () => {
    const { page } = browser;
    await signIn(page, scenario.system, mentorToken);

    await page.getByRole('heading', { level: 1, name: 'Mentor cases' }).waitFor();
    const card = page.getByRole('region', { name: 'The client wrote through "Talk to us"' });
    await card.waitFor();
    expect(await card.textContent()).toContain(clientMessage);
    expect(await card.textContent()).toContain('acknowledge by');
    await expectAccessible(page);
    await browser.screenshot('open cases');
  });

  it('acknowledges the case with a note, then closes it with a note the client receives', async () => {
    const { page } = browser;
    await signIn(page, scenario.system, mentorToken);
    const card = page.getByRole('region', { name: 'The client wrote through "Talk to us"' });

    await card.getByLabel('Note for the file (optional)').fill('Calling the client on Tuesday.');
    await card.getByRole('button', { name: 'Acknowledge: I take it' }).click();
    await page.getByText('No open cases.').waitFor();
    await page.getByRole('button', { name: 'Acknowledged' }).click();
    const held = page.getByRole('region', { name: 'The client wrote through "Talk to us"' });
    await held.getByText('held by Morgan Mentor').waitFor();
    await expectAccessible(page);
    await browser.screenshot('acknowledged case');

    await held.getByLabel('Note to the client, emailed when the case closes (optional)').fill('Maria will take the supplier invoices from Monday.');
    await held.getByRole('button', { name: 'Close the case' }).click();
    await page.getByText('No acknowledged cases.').waitFor();
    await scenario.system.clock.waitForIdle();

    const closed = await caseNow();
    expect(closed?.status).toBe('CLOSED');
    expect(closed?.closedBy).toBe('Morgan Mentor');
    const toClient = (await emailsFor(scenario.system, scenario.started)).filter((email) => email.to.includes(sampleClient.email));
    expect(toClient.at(-1)?.text).toContain('Maria will take the supplier invoices from Monday.');
  });

  it("shows the placement's relationship phase on its page", async () => {
    const { page } = browser;
    await signIn(page, scenario.system, mentorToken);
    await page.getByRole('button', { name: 'Closed' }).click();
    await page.getByRole('link', { name: 'Open the placement' }).click();

    const relationship = page.getByRole('region', { name: 'Relationship' });
    await relationship.waitFor();
    expect(await relationship.textContent()).toContain('Phase I');
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0); // a mentor cannot cancel or resend
    await expectAccessible(page);
    await browser.screenshot('placement for a mentor');
  });
});
