import { beforeAll, describe, expect, it } from 'vitest';
import { newYorkInterview } from '../../support/fixtures';
import { advanceClock, get } from '../../support/local-system';
import { advanceTo, contractLinks, emailsFor, readPlacement, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';
import { linkVisitsPerWindow } from '../../../functions/application/client-links';

// Mail scanners open every link in an email, often several times: the contract link hands out the
// signing session it opened a moment ago instead of asking DocuSign for a new one on every GET, and a
// link followed in a loop is paused for a few minutes.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });
let contractLink = '';

beforeAll(async () => {
  await advanceTo(scenario.system, '2030-04-02T13:00:00Z');
  const [letter] = await emailsFor(scenario.system, scenario.placement);
  contractLink = contractLinks(letter ?? { text: '' })[0] ?? '';
});

const signingSessionsOpened = async () => whatHappened(await readPlacement(scenario.system, scenario.placement.id), 'SIGNING_SESSION_OPENED').length;

describe("the client's contract link", () => {
  it('opens one signing session for five visits within a minute, all sent to it', async () => {
    const visits = [];
    for (let visit = 0; visit < 5; visit += 1) visits.push(await get(contractLink));

    expect(visits.map((visit) => visit.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(visits.map((visit) => visit.headers.location)).size).toBe(1);
    expect(await signingSessionsOpened()).toBe(1);
  });

  it('opens a fresh session once the last one is about to expire', async () => {
    await advanceClock(scenario.system, { advanceBy: 'PT5M' });

    expect((await get(contractLink)).status).toBe(302);
    expect(await signingSessionsOpened()).toBe(2);
  });

  it('pauses a link followed thirty times in ten minutes, with a page saying when to try again', async () => {
    await advanceClock(scenario.system, { advanceBy: 'PT10M' }); // a fresh window
    const statuses: number[] = [];
    for (let visit = 0; visit < 35; visit += 1) statuses.push((await get(contractLink)).status);

    expect(statuses.filter((status) => status === 302)).toHaveLength(linkVisitsPerWindow);
    expect(statuses.slice(linkVisitsPerWindow)).toEqual([429, 429, 429, 429, 429]);
    const paused = await get(contractLink, { accept: 'text/html' });
    expect(paused.headers['content-type']).toMatch(/^text\/html/);
    expect(paused.headers['retry-after']).toBeDefined();
    expect(paused.body).toContain('try again in ten minutes');

    await advanceClock(scenario.system, { advanceBy: 'PT10M' });
    expect((await get(contractLink)).status).toBe(302);
  });
});
