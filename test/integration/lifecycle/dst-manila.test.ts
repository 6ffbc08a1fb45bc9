import { describe, expect, it } from 'vitest';
import { agencyMailboxes, sampleCandidate, sampleClient } from '../../support/fixtures';
import { advanceTo, completePaperwork, emailsFor, readPlacement, recordExamScore, type EmailSeen, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// A client in Manila (UTC+8 all year) selects on Tuesday 2030-03-05, while Chicago is on CST (UTC−6).
// US DST starts on Sunday 2030-03-10, so the certification week of Monday 2030-03-11 runs on CDT
// (UTC−5): sessions 09:00 CDT = 14:00Z = 22:00 Manila; the Friday 13:00 CDT exam is 02:00 Saturday in
// Manila; the VE starts Monday 09:00 Manila, which is Sunday 20:00 in Chicago.

const scenario = selectionScenario({
  now: '2030-03-05T12:00:00Z',
  selections: { placement: { clientTimezone: 'Asia/Manila', interviewAt: '2030-03-05T02:00:00Z' } },
});

const to = async (address: string) => (await emailsFor(scenario.system, scenario.placement)).filter((email) => email.to.includes(address));
const agencyZoneNames = /\b(CST|CDT)\b|Central (Standard|Daylight) Time/;

describe('a Manila client and a certification week just after the US DST change', () => {
  it('plans every moment at selection, before the change, on the rules of the week it falls in', () => {
    expect(scenario.placement.timeline).toEqual({
      linksAt: '2030-03-06T01:00:00Z', // Wednesday 09:00 Manila, the day after the interview
      certificationWeek: '2030-03-11',
      weekStartsAt: '2030-03-11T14:00:00Z', // Monday 09:00 CDT
      sessionsAt: ['2030-03-11T14:00:00Z', '2030-03-12T14:00:00Z', '2030-03-13T14:00:00Z', '2030-03-14T14:00:00Z'],
      examAt: '2030-03-15T18:00:00Z', // Friday 13:00 CDT
      resultsDueAt: '2030-03-15T22:00:00Z', // Friday 17:00 CDT
      startDate: '2030-03-18',
      startsAt: '2030-03-18T01:00:00Z', // Monday 09:00 Manila = Sunday 20:00 CDT
    });
  });

  it('emails the links at 09:00 Manila the day after the interview, with the week in Manila time', async () => {
    await advanceTo(scenario.system, '2030-03-06T00:59:00Z');
    expect(await to(sampleClient.email)).toEqual([]);

    await advanceTo(scenario.system, '2030-03-06T01:00:00Z');

    const [onboarding, ...others] = await to(sampleClient.email);
    expect(others).toEqual([]);
    expect(onboarding?.at).toBe('2030-03-06T01:00:00.000Z');
    expect(onboarding?.text).toContain('Monday, March 11, 2030 at 10:00 PM GMT+8');
    expect(onboarding?.text).toContain('Saturday, March 16, 2030 at 2:00 AM GMT+8');
    expect(onboarding?.text).not.toMatch(/Friday afternoon/);
    expect(onboarding?.text).not.toMatch(agencyZoneNames);
  });

  it('gives the client the week in Manila time and the VE in Chicago daylight time', async () => {
    await advanceTo(scenario.system, '2030-03-06T03:00:00Z');

    await completePaperwork(scenario.system, scenario.placement.id);

    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('READY');
    const [clientWeek] = (await to(sampleClient.email)).filter((email) => /week/i.test(email.subject));
    expect(clientWeek?.text).toContain('Industry background: Monday, March 11, 2030 at 10:00 PM GMT+8');
    expect(clientWeek?.text).toContain('Soft-skills mentoring: Thursday, March 14, 2030 at 10:00 PM GMT+8');
    expect(clientWeek?.text).toContain('Certification exam: Saturday, March 16, 2030 at 2:00 AM GMT+8');
    expect(clientWeek?.text).toContain('Monday, March 18, 2030 at 9:00 AM GMT+8');
    expect(clientWeek?.text).not.toMatch(agencyZoneNames);

    const [veWeek] = await to(sampleCandidate.email);
    expect(veWeek?.text).toContain('Industry background: Monday, March 11, 2030 at 9:00 AM CDT');
    expect(veWeek?.text).toContain('Certification exam: Friday, March 15, 2030 at 1:00 PM CDT');
    expect(veWeek?.text).toContain('Monday, March 18, 2030, at 9:00 AM');
    expect(veWeek?.text).toContain('Philippine Standard Time (Asia/Manila)');
    expect(veWeek?.text).toContain('Sunday, March 17, 2030 at 8:00 PM CDT');
    expect(veWeek?.text).not.toMatch(/\bCST\b/);
  });

  it('holds the sessions at 09:00 Chicago daylight time, Monday to Thursday', async () => {
    await advanceTo(scenario.system, '2030-03-11T13:59:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('READY');

    await advanceTo(scenario.system, '2030-03-14T14:00:00Z');

    const week = await readPlacement(scenario.system, scenario.placement.id);
    expect(week.status).toBe('IN_CERTIFICATION');
    const sessions = whatHappened(week, 'SESSION_HELD');
    expect(sessions.map((entry) => entry.at.slice(0, 16))).toEqual(['2030-03-11T14:00', '2030-03-12T14:00', '2030-03-13T14:00', '2030-03-14T14:00']);
  });

  it('begins the exam on Friday at 13:00 CDT and tells the proctors in agency time', async () => {
    await advanceTo(scenario.system, '2030-03-15T17:59:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('IN_CERTIFICATION');

    await advanceTo(scenario.system, '2030-03-15T18:00:00Z');

    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('EXAM');
    const [examDay] = await to(agencyMailboxes.proctors);
    expect(examDay?.at).toBe('2030-03-15T18:00:00.000Z');
    expect(examDay?.subject).toContain('1:00 PM CDT');
  });

  it('tells the client of the pass with the start in Manila time, and the VE in both zones', async () => {
    await advanceTo(scenario.system, '2030-03-15T19:00:00Z');
    expect((await recordExamScore(scenario.system, scenario.placement.id, 90)).status).toBe(200);

    const certified = (await to(sampleClient.email)).find((email) => email.attachments.length > 0);
    expect(certified?.text).toContain('Monday, March 18, 2030 at 9:00 AM GMT+8');
    expect(certified?.text).not.toMatch(agencyZoneNames);
    const toVe: EmailSeen | undefined = (await to(sampleCandidate.email)).find((email) => /Congratulations/.test(email.subject));
    expect(toVe?.text).toContain('Monday, March 18, 2030, at 9:00 AM');
    expect(toVe?.text).toContain('Sunday, March 17, 2030 at 8:00 PM CDT');
  });

  it('starts the VE on Monday 09:00 Manila, which is Sunday evening in Chicago', async () => {
    await advanceTo(scenario.system, '2030-03-18T00:59:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('CERTIFIED');

    await advanceTo(scenario.system, '2030-03-18T01:00:00Z');

    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('ACTIVE');
    const welcome = (await to(sampleClient.email)).at(-1);
    expect(welcome?.at).toBe('2030-03-18T01:00:00.000Z');
    expect(welcome?.subject).toMatch(/starts today/);
  });

  it('shows the client only Manila time in every letter', async () => {
    const letters = await to(sampleClient.email);

    expect(letters).toHaveLength(4); // links, week, certified, welcome
    for (const letter of letters) expect(letter.text).not.toMatch(agencyZoneNames);
  });
});
