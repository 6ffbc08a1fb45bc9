import { describe, expect, it } from 'vitest';
import { Conflict } from '../../../functions/domain/errors';
import { acknowledge, close, noteOwedToClient, openCase } from '../../../functions/domain/mentor-cases';
import { config } from '../../support/domain-fixtures';

// The moves of a mentor case, and its acknowledgement deadline on the agency's calendar (America/Chicago, US holidays).

const opened = (openedAt = '2025-07-14T15:00:00Z') =>
  openCase({ id: 'case-1', placementId: 'placement-1', reason: 'TALK_TO_US', message: 'How do I share my calendar?' }, openedAt, config);
const ana = { at: '2025-07-14T16:00:00Z', by: 'Ana Mentor' };
const ben = { at: '2025-07-14T16:05:00Z', by: 'Ben Mentor' };

describe('the acknowledgement deadline', () => {
  it.each([
    ['Monday 10:00 → Wednesday 10:00', '2025-07-14T15:00:00Z', '2025-07-16T15:00:00Z'],
    ['Friday 15:00 → Tuesday 15:00', '2025-07-18T20:00:00Z', '2025-07-22T20:00:00Z'],
    ['Friday before Labor Day → Wednesday', '2025-08-29T20:00:00Z', '2025-09-03T20:00:00Z'],
    ['Saturday → Tuesday (Monday and Tuesday are the two working days)', '2025-07-19T15:00:00Z', '2025-07-22T15:00:00Z'],
  ])('is two agency working days later: %s', (_name, openedAt, due) => {
    expect(opened(openedAt).acknowledgeBy).toBe(due);
  });
});

describe('acknowledging', () => {
  it('makes an open case the acting mentor’s, or the named mentor’s', () => {
    expect(acknowledge(opened(), {}, ana)).toMatchObject({ status: 'ACKNOWLEDGED', assignedTo: 'Ana Mentor', acknowledgedBy: 'Ana Mentor', acknowledgedAt: ana.at });
    expect(acknowledge(opened(), { assignTo: 'Ben Mentor' }, ana)).toMatchObject({ assignedTo: 'Ben Mentor', acknowledgedBy: 'Ana Mentor' });
  });

  it('again only adds a note or reassigns, and refuses a silent takeover by another mentor', () => {
    const taken = acknowledge(opened(), {}, ana);

    expect(acknowledge(taken, {}, ana)).toBe(taken);
    expect(acknowledge(taken, { note: 'Called them.' }, ana).notes).toEqual([{ at: ana.at, by: 'Ana Mentor', text: 'Called them.', toClient: false }]);
    expect(acknowledge(taken, { assignTo: 'Ben Mentor' }, ben)).toMatchObject({ assignedTo: 'Ben Mentor', acknowledgedBy: 'Ana Mentor', acknowledgedAt: ana.at });
    expect(() => acknowledge(taken, {}, ben)).toThrow(Conflict);
  });

  it('is refused on a closed case', () => {
    expect(() => acknowledge(close(opened(), {}, ana), {}, ben)).toThrow(Conflict);
  });
});

describe('closing', () => {
  it('closes an open or acknowledged case with its notes, and owes the client the note meant for them', () => {
    const closed = close(acknowledge(opened(), {}, ana), { note: 'Sorted on a call.', noteToClient: 'Settings, then Sharing.' }, ben);

    expect(closed).toMatchObject({ status: 'CLOSED', closedBy: 'Ben Mentor', closedAt: ben.at, assignedTo: 'Ana Mentor' });
    expect(closed.notes.map((note) => [note.text, note.toClient])).toEqual([
      ['Sorted on a call.', false],
      ['Settings, then Sharing.', true],
    ]);
    expect(noteOwedToClient(closed)?.text).toBe('Settings, then Sharing.');
    expect(noteOwedToClient({ ...closed, clientToldAt: ben.at })).toBeUndefined();
    expect(noteOwedToClient(close(opened(), { note: 'Nothing for the client.' }, ana))).toBeUndefined();
  });

  it('refuses to close a closed case (409)', () => {
    const closed = close(opened(), {}, ana);

    expect(() => close(closed, {}, ben)).toThrow(Conflict);
  });
});
