import { describe, expect, it } from 'vitest';
import { agencyMailboxes, newYorkInterview, sampleCandidate, sampleClient } from '../../support/fixtures';
import { advanceTo, emailsFor, payReserve, readPlacement, recordExamScore, sentFrom, signContract, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// The client funds the reserve on time but signs the contract half an hour after the cutoff (the
// planned Monday's first session, 09:00 Chicago): the week moves to the next Monday, the client is told
// the new dates, and the lifecycle runs the moved week. Client in New York, April 2030 (no DST change).

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });

describe('paperwork completed after the cutoff', () => {
  it('keeps the planned week while the contract is unsigned, and does not start it at the cutoff', async () => {
    await advanceTo(scenario.system, '2030-04-03T15:00:00Z');
    await payReserve(scenario.system, (await readPlacement(scenario.system, scenario.placement.id)).reserve?.checkoutSessionId ?? '');

    await advanceTo(scenario.system, '2030-04-08T14:00:00Z'); // Monday 09:00 Chicago: the cutoff

    const atCutoff = await readPlacement(scenario.system, scenario.placement.id);
    expect(atCutoff.status).toBe('AWAITING_ONBOARDING');
    expect(atCutoff.reserve?.status).toBe('FUNDED');
    expect(atCutoff.timeline).toEqual(scenario.placement.timeline);
    expect(whatHappened(atCutoff, 'SESSION_HELD')).toEqual([]);
  });

  it('moves the certification week and every moment of it to the Monday after the signature', async () => {
    await advanceTo(scenario.system, '2030-04-08T14:30:00Z'); // Monday 09:30 Chicago

    await signContract(scenario.system, (await readPlacement(scenario.system, scenario.placement.id)).contract?.envelopeId ?? '');

    const moved = await readPlacement(scenario.system, scenario.placement.id);
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
    const week = sentFrom(await emailsFor(scenario.system, scenario.placement), '2030-04-08T14:30:00Z').filter((email) => email.to.includes(sampleClient.email));

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
    const toVe = sentFrom(await emailsFor(scenario.system, scenario.placement), '2030-04-08T14:30:00Z').filter((email) => email.to.includes(sampleCandidate.email));

    expect(toVe).toHaveLength(1);
    expect(toVe[0]?.text).toContain('from the week of Monday, April 8, 2030 to the week of Monday, April 15, 2030');
    expect(toVe[0]?.text).toContain('Monday, April 15, 2030 at 9:00 AM CDT');
    expect(toVe[0]?.text).toContain('Friday, April 19, 2030 at 1:00 PM CDT');
  });

  it('holds nothing in the missed week, and sends the client no more reminders', async () => {
    await advanceTo(scenario.system, '2030-04-15T13:59:00Z');

    const waiting = await readPlacement(scenario.system, scenario.placement.id);
    expect(waiting.status).toBe('READY');
    expect(whatHappened(waiting, 'SESSION_HELD')).toEqual([]);
    const later = sentFrom(await emailsFor(scenario.system, scenario.placement), '2030-04-08T14:31:00Z');
    expect(later).toEqual([]);
  });

  it('runs the moved week: sessions Monday to Thursday at 09:00 Chicago, the exam on its Friday', async () => {
    await advanceTo(scenario.system, '2030-04-19T18:00:00Z');

    const atExam = await readPlacement(scenario.system, scenario.placement.id);
    expect(atExam.status).toBe('EXAM');
    const sessions = whatHappened(atExam, 'SESSION_HELD');
    expect(sessions.map((entry) => entry.at.slice(0, 16))).toEqual(['2030-04-15T14:00', '2030-04-16T14:00', '2030-04-17T14:00', '2030-04-18T14:00']);
    const examDay = (await emailsFor(scenario.system, scenario.placement)).find((email) => email.to.includes(agencyMailboxes.proctors));
    expect(examDay?.at).toBe('2030-04-19T18:00:00.000Z');
  });

  it('certifies and starts the VE on the Monday after the moved week', async () => {
    await advanceTo(scenario.system, '2030-04-19T20:00:00Z');
    expect((await recordExamScore(scenario.system, scenario.placement.id, 88)).status).toBe(200);

    await advanceTo(scenario.system, '2030-04-22T13:00:00Z');

    const active = await readPlacement(scenario.system, scenario.placement.id);
    expect(active.status).toBe('ACTIVE');
    const welcome = (await emailsFor(scenario.system, scenario.placement)).at(-1);
    expect(welcome).toMatchObject({ to: [sampleClient.email], at: '2030-04-22T13:00:00.000Z' });
  });
});
