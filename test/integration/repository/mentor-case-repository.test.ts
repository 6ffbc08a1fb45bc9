import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { mentorCaseKey } from '../../../functions/adapters/dynamodb/keys';
import { DynamoMentorCaseRepository } from '../../../functions/adapters/dynamodb/mentor-case-repository';
import { Conflict, InvalidInput } from '../../../functions/domain/errors';
import { acknowledge, close, openCase, type MentorCase } from '../../../functions/domain/mentor-cases';
import { useInMemoryTable } from '../../support/table';
import { config } from '../../support/domain-fixtures';

// Mentor cases on dynalite: found by id alone, listed by status newest first, in the due index while open,
// and saved only over the version read.

const table = useInMemoryTable('mentor-cases');
let repository: DynamoMentorCaseRepository;
let sequence = 0;

beforeAll(() => {
  repository = new DynamoMentorCaseRepository(table.documentClient, table.tableName);
});

/** A case opened at `openedAt` (Chicago is the agency's zone), with an id no other test uses. */
function caseOpenedAt(openedAt: string, placementId = 'placement-1'): MentorCase {
  sequence += 1;
  return openCase({ id: `case-${String(sequence).padStart(4, '0')}`, placementId, reason: 'LOW_REVIEW', message: 'It is not going well.' }, openedAt, config);
}

const ana = (at: string) => ({ at, by: 'Ana Mentor' });

describe('mentor cases', () => {
  it('writes a case once and reads it back by its id alone', async () => {
    // Prepare
    const opened = caseOpenedAt('2025-07-14T15:00:00Z');

    // Act
    const first = await repository.putCase(opened);
    const second = await repository.putCase({ ...opened, message: 'Written again' });

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await repository.getCase(opened.id)).toEqual(opened);
    expect(await repository.getCase('no-such-case')).toBeUndefined();
  });

  it('reads a case stored without a reason as a "Talk to us" case', async () => {
    // Prepare
    const opened = caseOpenedAt('2025-07-14T15:00:00Z');
    await repository.putCase(opened);
    const { Item } = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: mentorCaseKey(opened.id) }));
    const { reason: _reason, ...withoutReason } = Item ?? {};
    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: withoutReason }));

    // Act
    const read = await repository.getCase(opened.id);

    // Assess
    expect(read?.reason).toBe('TALK_TO_US');
  });

  it('lists the cases of a status newest first, a page at a time, and refuses a token from another listing', async () => {
    // Prepare: three closed cases an hour apart, later than any other test's, and an open one
    const cases = ['2025-08-04T14:00:00Z', '2025-08-04T15:00:00Z', '2025-08-04T16:00:00Z'].map((at) => caseOpenedAt(at, 'placement-listed'));
    for (const opened of cases) {
      await repository.putCase(opened);
      await repository.saveCase(close(opened, {}, ana('2025-08-05T10:00:00Z')));
    }
    await repository.putCase(caseOpenedAt('2025-08-04T17:00:00Z'));

    // Act
    const firstPage = await repository.listCases('CLOSED', { limit: 2 });
    const secondPage = await repository.listCases('CLOSED', { limit: 2, ...(firstPage.nextToken === undefined ? {} : { nextToken: firstPage.nextToken }) });
    const otherListing = await repository.listCases('OPEN', { limit: 1 });

    // Assess
    const newestFirst = [...cases].reverse().map((opened) => opened.id);
    expect([...firstPage.items, ...secondPage.items].slice(0, 3).map((listed) => listed.id)).toEqual(newestFirst);
    expect(firstPage.nextToken).toBeDefined();
    expect(secondPage.items.every((listed) => listed.status === 'CLOSED')).toBe(true);
    expect(otherListing.nextToken).toBeDefined();
    await expect(repository.listCases('CLOSED', { nextToken: otherListing.nextToken ?? '' })).rejects.toThrow(InvalidInput);
  });

  it('holds an open case in the due index under its deadline, and takes it out once a mentor acknowledges it', async () => {
    // Prepare: opened Monday 10:00 in Chicago, due Wednesday 10:00 (15:00Z)
    const opened = caseOpenedAt('2025-09-08T15:00:00Z');
    await repository.putCase(opened);

    // Act
    const beforeDeadline = await repository.listDueForAcknowledgement('2025-09-10T14:59:59Z');
    const atDeadline = await repository.listDueForAcknowledgement('2025-09-10T15:00:00Z');
    await repository.saveCase(acknowledge(opened, {}, ana('2025-09-10T16:00:00Z')));
    const afterAcknowledgement = await repository.listDueForAcknowledgement('2025-09-11T15:00:00Z');

    // Assess
    expect(opened.acknowledgeBy).toBe('2025-09-10T15:00:00Z');
    expect(beforeDeadline.map((due) => due.id)).not.toContain(opened.id);
    expect(atDeadline.map((due) => due.id)).toContain(opened.id);
    expect(afterAcknowledgement.map((due) => due.id)).not.toContain(opened.id);
    expect((await repository.listCases('ACKNOWLEDGED')).items.map((listed) => listed.id)).toContain(opened.id);
    expect((await repository.listCases('OPEN')).items.map((listed) => listed.id)).not.toContain(opened.id);
  });

  it('saves a move only over the version it was decided on: of two mentors acting on one read, one wins', async () => {
    // Prepare
    const opened = caseOpenedAt('2025-07-14T15:00:00Z');
    await repository.putCase(opened);

    // Act
    const saved = await repository.saveCase(acknowledge(opened, {}, ana('2025-07-14T16:00:00Z')));
    const lost = repository.saveCase(close(opened, { note: 'Done' }, { at: '2025-07-14T16:00:01Z', by: 'Ben Mentor' }));

    // Assess
    await expect(lost).rejects.toThrow(Conflict);
    expect(saved.version).toBe(2);
    expect(await repository.getCase(opened.id)).toMatchObject({ status: 'ACKNOWLEDGED', assignedTo: 'Ana Mentor', version: 2 });
  });

  it('keeps a told-at mark that was set after the case was read, and lets one caller set each mark', async () => {
    // Prepare
    const opened = caseOpenedAt('2025-07-14T15:00:00Z');
    await repository.putCase(opened);

    // Act
    const marks = await Promise.all([repository.claimTellingMentors(opened.id, '2025-07-14T15:00:01Z'), repository.claimTellingMentors(opened.id, '2025-07-14T15:00:02Z')]);
    const closed = await repository.saveCase(close(opened, { noteToClient: 'All sorted.' }, ana('2025-07-14T17:00:00Z')));
    const clientMark = await repository.claimTellingClient(opened.id, '2025-07-14T17:00:01Z');
    await repository.withdrawTellingClient(opened.id);
    const clientMarkAgain = await repository.claimTellingClient(opened.id, '2025-07-14T17:05:00Z');

    // Assess
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(closed.mentorsToldAt).toMatch(/^2025-07-14T15:00:0[12]Z$/);
    expect([clientMark, clientMarkAgain]).toEqual([true, true]);
    expect(await repository.getCase(opened.id)).toMatchObject({ clientToldAt: '2025-07-14T17:05:00Z', mentorsToldAt: closed.mentorsToldAt });
    expect(await repository.claimTellingClient('no-such-case', '2025-07-14T17:05:00Z')).toBe(false);
  });
});
