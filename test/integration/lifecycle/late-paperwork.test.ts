import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type LocalSystem } from '../../support/local-system';
import {
  advanceTo,
  emailsFor,
  payReserve,
  readPlacement,
  recordExamScore,
  recordSelection,
  signContract,
  type PlacementSeen,
  sentFrom,
} from '../../support/lifecycle';

// The client funds the reserve on time but signs the contract half an hour after the cutoff (the
// planned Monday's first session, 09:00 Chicago): the week moves to the next Monday, the client is told
// the new dates, and the lifecycle runs the moved week. Client in New York, April 2030 (no DST change).

const clientEmail = 'dana@whitfield-dental.example';
const veEmail = 'maria.santos@ve.example';

let system: LocalSystem;
let placement: PlacementSeen;

beforeAll(async () => {
  system = await startTestSystem({ now: new Date('2030-04-02T12:00:00Z') });
  placement = await recordSelection(system, { clientTimezone: 'America/New_York', interviewAt: '2030-04-01T15:00:00Z' });
});

afterAll(async () => {
  await system?.stop();
});

describe('paperwork completed after the cutoff', () => {
  it('keeps the planned week while the contract is unsigned, and does not start it at the cutoff', async () => {
    await advanceTo(system, '2030-04-03T15:00:00Z');
    await payReserve(system, (await readPlacement(system, placement.id)).reserve?.checkoutSessionId ?? '');

    await advanceTo(system, '2030-04-08T14:00:00Z'); // Monday 09:00 Chicago: the cutoff

    const atCutoff = await readPlacement(system, placement.id);
    expect(atCutoff.status).toBe('AWAITING_ONBOARDING');
    expect(atCutoff.reserve?.status).toBe('FUNDED');
    expect(atCutoff.timeline).toEqual(placement.timeline);
    expect((atCutoff.history ?? []).filter((entry) => entry.what === 'SESSION_HELD')).toEqual([]);
  });

  it('moves the certification week and every moment of it to the Monday after the signature', async () => {
    await advanceTo(system, '2030-04-08T14:30:00Z'); // Monday 09:30 Chicago

    await signContract(system, (await readPlacement(system, placement.id)).contract?.envelopeId ?? '');

    const moved = await readPlacement(system, placement.id);
    expect(moved.status).toBe('READY');
    expect(moved.timeline).toEqual({
      linksAt: '2030-04-02T13:00:00Z', // the onboarding moment is history, unchanged
      certificationWeek: '2030-04-15',
      rescheduledFrom: '2030-04-08',
      weekStartsAt: '2030-04-15T14:00:00Z',
      sessionsAt: ['2030-04-15T14:00:00Z', '2030-04-16T14:00:00Z', '2030-04-17T14:00:00Z', '2030-04-18T14:00:00Z'],
      examAt: '2030-04-19T18:00:00Z',
      resultsDueAt: '2030-04-19T22:00:00Z',
      startDate: '2030-04-22',
      startsAt: '2030-04-22T13:00:00Z',
    });
    expect(moved.history?.find((entry) => entry.what === 'WEEK_RESCHEDULED')?.details).toEqual({ from: '2030-04-08', to: '2030-04-15' });
  });

  it('tells the client the new dates, naming both weeks, in New York time', async () => {
    const week = sentFrom(await emailsFor(system, placement), '2030-04-08T14:30:00Z').filter((email) => email.to.includes(clientEmail));

    expect(week).toHaveLength(1);
    const [letter] = week;
    expect(letter?.subject).toMatch(/New dates/);
    expect(letter?.subject).toContain('Monday, April 15, 2030');
    expect(letter?.text).toContain('from the week of Monday, April 8, 2030 to the week of Monday, April 15, 2030');
    expect(letter?.text).toContain('Monday, April 15, 2030 at 10:00 AM EDT');
    expect(letter?.text).toContain('Friday, April 19, 2030 at 2:00 PM EDT');
    expect(letter?.text).toContain('Monday, April 22, 2030 at 9:00 AM EDT');
    expect(letter?.text).not.toContain('April 12, 2030'); // the exam of the week that was missed
  });

  it('gives the VE the moved week in agency time', async () => {
    const toVe = sentFrom(await emailsFor(system, placement), '2030-04-08T14:30:00Z').filter((email) => email.to.includes(veEmail));

    expect(toVe).toHaveLength(1);
    expect(toVe[0]?.text).toContain('from the week of Monday, April 8, 2030 to the week of Monday, April 15, 2030');
    expect(toVe[0]?.text).toContain('Monday, April 15, 2030 at 9:00 AM CDT');
    expect(toVe[0]?.text).toContain('Friday, April 19, 2030 at 1:00 PM CDT');
  });

  it('holds nothing in the missed week, and sends the client no more reminders', async () => {
    await advanceTo(system, '2030-04-15T13:59:00Z');

    const waiting = await readPlacement(system, placement.id);
    expect(waiting.status).toBe('READY');
    expect((waiting.history ?? []).filter((entry) => entry.what === 'SESSION_HELD')).toEqual([]);
    const later = sentFrom(await emailsFor(system, placement), '2030-04-08T14:31:00Z');
    expect(later).toEqual([]);
  });

  it('runs the moved week: sessions Monday to Thursday at 09:00 Chicago, the exam on its Friday', async () => {
    await advanceTo(system, '2030-04-19T18:00:00Z');

    const atExam = await readPlacement(system, placement.id);
    expect(atExam.status).toBe('EXAM');
    const sessions = (atExam.history ?? []).filter((entry) => entry.what === 'SESSION_HELD');
    expect(sessions.map((entry) => entry.at.slice(0, 16))).toEqual(['2030-04-15T14:00', '2030-04-16T14:00', '2030-04-17T14:00', '2030-04-18T14:00']);
    const examDay = (await emailsFor(system, placement)).find((email) => email.to.includes('proctors@agency.example.com'));
    expect(examDay?.at).toBe('2030-04-19T18:00:00.000Z');
  });

  it('certifies and starts the VE on the Monday after the moved week', async () => {
    await advanceTo(system, '2030-04-19T20:00:00Z');
    expect((await recordExamScore(system, placement.id, 88)).status).toBe(200);

    await advanceTo(system, '2030-04-22T13:00:00Z');

    const active = await readPlacement(system, placement.id);
    expect(active.status).toBe('ACTIVE');
    const welcome = (await emailsFor(system, placement)).at(-1);
    expect(welcome).toMatchObject({ to: [clientEmail], at: '2030-04-22T13:00:00.000Z' });
  });
});
