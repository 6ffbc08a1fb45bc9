import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTo, completePaperwork, emailsFor, readPlacement, recordExamScore, recordSelection, whatHappened, type PlacementSeen } from '../../support/lifecycle';
import { startTestSystem, type LocalSystem } from '../../support/local-system';

// The three selections of holidays.test.ts on an agency with no holiday list (AGENCY_HOLIDAYS=none):
// nothing moves. Thanksgiving week and Christmas week run as planned, and the VE starts on
// Washington's Birthday, the Monday after the exam. Clients in New York; Chicago on CST.

const thanksgivingClient = { clientTimezone: 'America/New_York', interviewAt: '2026-11-17T15:00:00Z', clientEmail: 'pat@thanksgiving.example', candidateEmail: 've.one@ve.example' };
const christmasClient = { clientTimezone: 'America/New_York', interviewAt: '2026-12-15T15:00:00Z', clientEmail: 'noel@christmas.example', candidateEmail: 've.two@ve.example' };
const presidentsDayClient = { clientTimezone: 'America/New_York', interviewAt: '2027-02-02T15:00:00Z', clientEmail: 'george@february.example', candidateEmail: 've.three@ve.example' };

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2026-11-17T16:00:00Z'), agencyEnvironment: { AGENCY_HOLIDAYS: 'none' } });
});

afterAll(async () => {
  await system?.stop();
});

const toClient = async (placement: PlacementSeen) => (await emailsFor(system, placement)).filter((email) => email.to.includes(placement.client.email));

describe('with the holiday list empty', () => {
  it('runs the week of 23 November, Thanksgiving included, and says nothing of holidays', async () => {
    const placement = await recordSelection(system, thanksgivingClient);
    expect(placement.timeline).toMatchObject({ certificationWeek: '2026-11-23', examAt: '2026-11-27T19:00:00Z' });
    expect(placement.timeline).not.toHaveProperty('weeksSkippedForHolidays');

    await advanceTo(system, '2026-11-18T14:00:00Z');
    await completePaperwork(system, placement.id);
    await advanceTo(system, '2026-11-27T19:00:00Z');

    const atExam = await readPlacement(system, placement.id);
    expect(atExam.status).toBe('EXAM');
    expect(whatHappened(atExam, 'SESSION_HELD').map((entry) => entry.at.slice(0, 16))).toContain('2026-11-26T15:00');
    for (const email of await toClient(placement)) expect(email.text).not.toMatch(/Thanksgiving|when the agency is closed/);
  });

  it('keeps the week of 21 December, Christmas Day included', async () => {
    await advanceTo(system, '2026-12-15T16:00:00Z');

    const placement = await recordSelection(system, christmasClient);

    expect(placement.timeline).toMatchObject({ certificationWeek: '2026-12-21', examAt: '2026-12-25T19:00:00Z', startDate: '2026-12-28' });
    expect(placement.timeline).not.toHaveProperty('weeksSkippedForHolidays');
  });

  it("starts the VE on the Monday after the exam, Washington's Birthday or not", async () => {
    await advanceTo(system, '2027-02-02T16:00:00Z');
    const placement = await recordSelection(system, presidentsDayClient);
    expect(placement.timeline).toMatchObject({ certificationWeek: '2027-02-08', startDate: '2027-02-15', startsAt: '2027-02-15T14:00:00Z' });
    expect(placement.timeline).not.toHaveProperty('startMovedForHoliday');

    await advanceTo(system, '2027-02-03T15:00:00Z');
    await completePaperwork(system, placement.id);
    await advanceTo(system, '2027-02-12T20:00:00Z');
    expect((await recordExamScore(system, placement.id, 90)).status).toBe(200);
    await advanceTo(system, '2027-02-15T14:00:00Z');

    expect((await readPlacement(system, placement.id)).status).toBe('ACTIVE');
    const certified = (await toClient(placement)).find((email) => /is certified/.test(email.subject));
    expect(certified?.text).toContain('starts working with you on Monday, February 15, 2027 at 9:00 AM EST');
    expect(certified?.text).not.toMatch(/agency holiday/);
  });
});
