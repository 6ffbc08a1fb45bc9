import { describe, expect, it } from 'vitest';
import { agencyMailboxes } from '../../support/fixtures';
import {
  advanceTo,
  completePaperwork,
  emailsFor,
  readPlacement,
  recordExamScore,
  recordSelection,
  whatHappened,
  type PlacementSeen,
} from '../../support/lifecycle';
import { get, json } from '../../support/local-system';
import { selectionScenario } from '../../support/scenario';

// The agency keeps US federal holidays (the default). Clients in New York; Chicago is on CST (UTC−6)
// for all of it, so sessions are 09:00 CST = 15:00Z and the exam 13:00 CST = 19:00Z.
// - Selected Tuesday 17 November 2026: the week of 23 November holds Thanksgiving (Thu 26): 30 November.
// - Selected Tuesday 15 December 2026: Christmas Day (Fri 25 Dec), then New Year's Day (Fri 1 Jan 2027): 4 January.
// - Selected Tuesday 2 February 2027: the week of 8 February, the Monday after it Washington's Birthday: the VE starts Tuesday 16 February.
// The same three with the holiday list empty: holidays-none.test.ts.

const thanksgivingClient = { clientTimezone: 'America/New_York', interviewAt: '2026-11-17T15:00:00Z', clientEmail: 'pat@thanksgiving.example', candidateEmail: 've.one@ve.example' };
const christmasClient = { clientTimezone: 'America/New_York', interviewAt: '2026-12-15T15:00:00Z', clientEmail: 'noel@christmas.example', candidateEmail: 've.two@ve.example' };
const presidentsDayClient = { clientTimezone: 'America/New_York', interviewAt: '2027-02-02T15:00:00Z', clientEmail: 'george@february.example', candidateEmail: 've.three@ve.example' };

const scenario = selectionScenario({ now: '2026-11-17T16:00:00Z', selections: { thanksgiving: thanksgivingClient } });
const later: { christmas?: PlacementSeen; presidentsDay?: PlacementSeen } = {};

/** The emails as the local control API lists them, with the Reply-To each was sent with. */
async function listedEmails(): Promise<{ to: string[]; subject: string; replyTo: string | null; at: string }[]> {
  return json(await get(`${scenario.system.baseUrl}/_local/emails`)) as { to: string[]; subject: string; replyTo: string | null; at: string }[];
}

const toClient = async (placement: PlacementSeen) => (await emailsFor(scenario.system, placement)).filter((email) => email.to.includes(placement.client.email));
const sessionDays = (placement: PlacementSeen) => whatHappened(placement, 'SESSION_HELD').map((entry) => entry.at.slice(0, 16));

describe('a week that would hold Thanksgiving', () => {
  it('is planned at selection for the week of 30 November, with the holiday that moved it', () => {
    expect(scenario.thanksgiving.timeline).toMatchObject({
      certificationWeek: '2026-11-30',
      weeksSkippedForHolidays: [{ week: '2026-11-23', holiday: 'Thanksgiving Day', day: '2026-11-26' }],
      sessionsAt: ['2026-11-30T15:00:00Z', '2026-12-01T15:00:00Z', '2026-12-02T15:00:00Z', '2026-12-03T15:00:00Z'],
      examAt: '2026-12-04T19:00:00Z',
      startDate: '2026-12-07',
    });
  });

  it("tells the client why in the onboarding email, replies going to Customer Service", async () => {
    await advanceTo(scenario.system, '2026-11-18T14:00:00Z'); // Wednesday 09:00 New York

    const [onboarding, ...others] = await toClient(scenario.thanksgiving);
    expect(others).toEqual([]);
    expect(onboarding?.text).toContain(
      'The week of Monday, November 23, 2026 holds Thanksgiving Day (Thursday, November 26, 2026), when the agency is closed, so the certification runs the week of Monday, November 30, 2026.',
    );
    const listed = (await listedEmails()).find((email) => email.to.includes(scenario.thanksgiving.client.email));
    expect(listed?.replyTo).toBe(agencyMailboxes.customerService);
  });

  it('holds nothing in Thanksgiving week and runs the sessions and the exam in the week of 30 November', async () => {
    await completePaperwork(scenario.system, scenario.thanksgiving.id);
    const schedule = (await toClient(scenario.thanksgiving)).find((email) => /certification week/.test(email.subject));
    expect(schedule?.subject).toContain('week of Monday, November 30, 2026');
    expect(schedule?.text).toContain('holds Thanksgiving Day');

    await advanceTo(scenario.system, '2026-11-28T00:00:00Z');
    const inThanksgivingWeek = await readPlacement(scenario.system, scenario.thanksgiving.id);
    expect(inThanksgivingWeek.status).toBe('READY');
    expect(sessionDays(inThanksgivingWeek)).toEqual([]);

    await advanceTo(scenario.system, '2026-12-04T19:00:00Z');
    const atExam = await readPlacement(scenario.system, scenario.thanksgiving.id);
    expect(atExam.status).toBe('EXAM');
    expect(sessionDays(atExam)).toEqual(['2026-11-30T15:00', '2026-12-01T15:00', '2026-12-02T15:00', '2026-12-03T15:00']);
  });
});

describe('a week that would hold Christmas Day', () => {
  it('moves past Christmas week and New Year week to the week of 4 January 2027', async () => {
    await advanceTo(scenario.system, '2026-12-15T16:00:00Z');

    later.christmas = await recordSelection(scenario.system, christmasClient);

    expect(later.christmas.timeline).toMatchObject({
      certificationWeek: '2027-01-04',
      weeksSkippedForHolidays: [
        { week: '2026-12-21', holiday: 'Christmas Day', day: '2026-12-25' },
        { week: '2026-12-28', holiday: "New Year's Day", day: '2027-01-01' },
      ],
      examAt: '2027-01-08T19:00:00Z',
      startDate: '2027-01-11',
    });
  });

  it('tells the client both holidays with the schedule, and holds the sessions only from 4 January', async () => {
    const christmas = later.christmas as PlacementSeen;
    await advanceTo(scenario.system, '2026-12-16T15:00:00Z');
    await completePaperwork(scenario.system, christmas.id);

    const schedule = (await toClient(christmas)).find((email) => /certification week/.test(email.subject));
    expect(schedule?.text).toContain('holds Christmas Day (Friday, December 25, 2026) and the week of Monday, December 28, 2026 holds New Year\'s Day (Friday, January 1, 2027)');
    expect(schedule?.text).toContain('Industry background: Monday, January 4, 2027 at 10:00 AM EST');

    await advanceTo(scenario.system, '2027-01-02T00:00:00Z');
    expect(sessionDays(await readPlacement(scenario.system, christmas.id))).toEqual([]);

    await advanceTo(scenario.system, '2027-01-08T19:00:00Z');
    const atExam = await readPlacement(scenario.system, christmas.id);
    expect(atExam.status).toBe('EXAM');
    expect(sessionDays(atExam)).toEqual(['2027-01-04T15:00', '2027-01-05T15:00', '2027-01-06T15:00', '2027-01-07T15:00']);
  });
});

describe('a start on a holiday Monday', () => {
  it('keeps the week of 8 February and plans the start for Tuesday 16 February, 09:00 New York', async () => {
    await advanceTo(scenario.system, '2027-02-02T16:00:00Z');

    later.presidentsDay = await recordSelection(scenario.system, presidentsDayClient);

    expect(later.presidentsDay.timeline).toMatchObject({
      certificationWeek: '2027-02-08',
      examAt: '2027-02-12T19:00:00Z',
      startDate: '2027-02-16',
      startsAt: '2027-02-16T14:00:00Z',
      startMovedForHoliday: { from: '2027-02-15', holiday: "Washington's Birthday" },
    });
    expect(later.presidentsDay.timeline).not.toHaveProperty('weeksSkippedForHolidays');
  });

  it('tells the client why with the certificate, and welcomes the VE on the Tuesday, not the holiday', async () => {
    const placement = later.presidentsDay as PlacementSeen;
    await advanceTo(scenario.system, '2027-02-03T15:00:00Z');
    await completePaperwork(scenario.system, placement.id);
    await advanceTo(scenario.system, '2027-02-12T20:00:00Z');
    expect((await recordExamScore(scenario.system, placement.id, 90)).status).toBe(200);

    const certified = (await toClient(placement)).find((email) => /is certified/.test(email.subject));
    expect(certified?.text).toContain("Monday, February 15, 2027 is Washington's Birthday, an agency holiday, so Maria starts on Tuesday, February 16, 2027.");
    expect(certified?.text).toContain('starts working with you on Tuesday, February 16, 2027 at 9:00 AM EST');

    await advanceTo(scenario.system, '2027-02-15T23:00:00Z');
    expect((await readPlacement(scenario.system, placement.id)).status).toBe('CERTIFIED');

    await advanceTo(scenario.system, '2027-02-16T14:00:00Z');
    expect((await readPlacement(scenario.system, placement.id)).status).toBe('ACTIVE');
    const welcome = (await listedEmails()).find((email) => email.to.includes(placement.client.email) && /starts today/.test(email.subject));
    expect(welcome).toMatchObject({ at: '2027-02-16T14:00:00.000Z', replyTo: agencyMailboxes.mentors });
  });
});
