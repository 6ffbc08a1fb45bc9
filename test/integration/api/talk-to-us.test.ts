import { beforeAll, describe, expect, it } from 'vitest';
import { agencyMailboxes, newYorkInterview } from '../../support/fixtures';
import { get, post, postJson } from '../../support/local-system';
import { advanceTo, completePaperwork, emailsFor, readPlacement, recordExamScore, sentEmails, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// "Talk to us" cannot be flooded: each case is its own item, a client's day holds five, and a form the
// browser sends again opens no second case.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });
let talkLink = '';

beforeAll(async () => {
  await advanceTo(scenario.system, '2030-04-02T13:00:00Z');
  await completePaperwork(scenario.system, scenario.placement.id);
  await advanceTo(scenario.system, '2030-04-12T19:00:00Z');
  await recordExamScore(scenario.system, scenario.placement.id, 95);
  await advanceTo(scenario.system, '2030-04-15T13:00:00Z'); // the start: the welcome letter has the link
  const welcome = (await emailsFor(scenario.system, scenario.placement)).at(-1);
  talkLink = /https?:\/\/\S+\/links\/\S+\/talk-to-us\?key=\S+/.exec(welcome?.text ?? '')?.[0] ?? '';
  expect(talkLink).not.toBe('');
});

const toMentors = async () => (await sentEmails(scenario.system)).filter((email) => email.to.includes(agencyMailboxes.mentors));
const sendForm = (fields: Record<string, string>) =>
  post(talkLink, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });

describe('"Talk to us"', () => {
  it('opens one case for a form the browser sends twice', async () => {
    const page = await get(talkLink);
    const submission = /name="submission" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(submission).not.toBe('');

    const first = await sendForm({ message: 'How do I share my calendar with Maria?', submission });
    const retried = await sendForm({ message: 'How do I share my calendar with Maria?', submission });

    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(await toMentors()).toHaveLength(1);
    const placement = await readPlacement(scenario.system, scenario.placement.id);
    expect(whatHappened(placement, 'CASE_OPENED')).toHaveLength(1);
    expect(JSON.stringify(placement)).not.toContain('share my calendar'); // what they wrote is on the case, not the placement
  });

  it('takes five cases on a client day, then says kindly when to write again, and takes them again the next day', async () => {
    const answers = [];
    for (let n = 2; n <= 6; n += 1) answers.push(await postJson(talkLink, { message: `Question number ${n}` }));

    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 429]);
    expect(answers[4]?.headers['retry-after']).toBeDefined();
    const page = await sendForm({ message: 'One more', submission: 'a-fresh-submission-id' });
    expect(page.status).toBe(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('You can write again from Tuesday 16 April, 00:00 EDT');
    expect(page.body).toContain('Customer Service');
    expect(await toMentors()).toHaveLength(5);

    await advanceTo(scenario.system, '2030-04-16T04:00:00Z'); // midnight in New York
    expect((await postJson(talkLink, { message: 'A new day' })).status).toBe(201);
  });

  it('opens one case for the same Idempotency-Key sent by ten clients at once', async () => {
    const before = (await toMentors()).length;

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postJson(talkLink, { message: 'Sent at once' }, { 'idempotency-key': 'same-request-0001' })),
    );

    const caseIds = new Set(answers.map((answer) => (JSON.parse(answer.body) as { caseId?: string }).caseId));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 201));
    expect(caseIds.size).toBe(1);
    await scenario.system.clock.waitForIdle();
    expect((await toMentors()).length - before).toBe(1);
  });
});
