import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { issueStaffToken } from '../../../functions/application/staff-tokens';
import { agencyMailboxes, newYorkInterview, sampleClient } from '../../support/fixtures';
import { advanceClock, get, json, postJson, type PlainResponse } from '../../support/local-system';
import { advanceTo, completePaperwork, emailsFor, readPlacement, recordExamScore, whatHappened } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// Mentors work the cases clients open: listed newest first, acknowledged (and so owned), closed with a
// note the client receives. Two mentors acting on one case at once: one wins, the other is told.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });
const mentors: Record<'ana' | 'ben', Record<string, string>> = { ana: {}, ben: {} };
const opened: string[] = [];

const caseSchema = z.looseObject({
  id: z.string(),
  placementId: z.string(),
  reason: z.string(),
  status: z.string(),
  message: z.string(),
  assignedTo: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  closedBy: z.string().optional(),
  clientToldAt: z.string().optional(),
  notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string(), toClient: z.boolean() })),
});
const caseListSchema = z.object({ items: z.array(caseSchema), nextToken: z.string().optional() });
const storedEmailsSchema = z.object({ emails: z.array(z.looseObject({ subject: z.string(), replyTo: z.array(z.string()).optional() })) });

beforeAll(async () => {
  const { system } = scenario;
  const client = createDocumentClient({ endpoint: system.endpoints.dynamodb });
  try {
    const repository = new DynamoPlacementRepository(client, system.tableName);
    mentors.ana = { authorization: `Bearer ${(await issueStaffToken(repository, { name: 'Ana Mentor', role: 'mentor' }, new Date())).token}` };
    mentors.ben = { authorization: `Bearer ${(await issueStaffToken(repository, { name: 'Ben Mentor', role: 'mentor' }, new Date())).token}` };
  } finally {
    client.destroy();
  }
  await advanceTo(system, '2030-04-02T13:00:00Z');
  await completePaperwork(system, scenario.placement.id);
  await advanceTo(system, '2030-04-12T19:00:00Z');
  await recordExamScore(system, scenario.placement.id, 95);
  await advanceTo(system, '2030-04-15T13:00:00Z'); // the start: the welcome letter has the "Talk to us" link
  const welcome = (await emailsFor(system, scenario.placement)).at(-1);
  const talkLink = /https?:\/\/\S+\/links\/\S+\/talk-to-us\?key=\S+/.exec(welcome?.text ?? '')?.[0] ?? '';
  for (const message of ['How do I share my calendar?', 'Can Maria join our team meetings?', 'Maria seems overloaded.', 'A question about invoices.']) {
    const answer = await postJson(talkLink, { message });
    expect(answer.status, answer.body).toBe(201);
    opened.push(z.object({ caseId: z.string() }).parse(json(answer)).caseId);
    await advanceClock(system, { advanceBy: 'PT10M' });
  }
});

const casesUrl = (query: string) => `${scenario.system.baseUrl}/cases?${query}`;
const act = (caseId: string, move: 'acknowledge' | 'close', body: unknown, headers: Record<string, string>) =>
  postJson(`${scenario.system.baseUrl}/cases/${caseId}/${move}`, body, headers);
const caseIn = (response: PlainResponse) => caseSchema.parse(json(response));

/** Every case of a status, following the pages. */
async function listAll(status: string, limit: number): Promise<{ pages: z.infer<typeof caseListSchema>[]; ids: string[] }> {
  const pages: z.infer<typeof caseListSchema>[] = [];
  let nextToken: string | undefined;
  do {
    const response = await get(casesUrl(new URLSearchParams({ status, limit: String(limit), ...(nextToken === undefined ? {} : { nextToken }) }).toString()), mentors.ana);
    expect(response.status, response.body).toBe(200);
    const page = caseListSchema.parse(json(response));
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return { pages, ids: pages.flatMap((page) => page.items.map((listed) => listed.id)) };
}

const clientEmails = async () => (await emailsFor(scenario.system, scenario.placement)).filter((email) => email.to.includes(sampleClient.email));

describe('mentor cases', () => {
  it('lists the open cases for a mentor, newest first, a page at a time', async () => {
    const { pages, ids } = await listAll('open', 3);

    expect(ids.filter((id) => opened.includes(id))).toEqual([...opened].reverse());
    expect(pages[0]?.items).toHaveLength(3);
    expect(pages[0]?.nextToken).toBeDefined();
    expect(pages[0]?.items[0]).toMatchObject({ reason: 'TALK_TO_US', status: 'OPEN', placementId: scenario.placement.id, message: 'A question about invoices.' });
  });

  it('a mentor acknowledges a case: it is theirs, it leaves the open list, and the history names only the case', async () => {
    const caseId = opened[0] ?? '';

    const answer = await act(caseId, 'acknowledge', { note: 'Calling the client about calendar sharing.' }, mentors.ana);

    expect(answer.status, answer.body).toBe(200);
    expect(caseIn(answer)).toMatchObject({ status: 'ACKNOWLEDGED', assignedTo: 'Ana Mentor', acknowledgedBy: 'Ana Mentor' });
    expect((await listAll('open', 10)).ids).not.toContain(caseId);
    expect((await listAll('acknowledged', 10)).ids).toContain(caseId);
    const placement = await readPlacement(scenario.system, scenario.placement.id);
    expect(whatHappened(placement, 'CASE_ACKNOWLEDGED').map((entry) => entry.details?.caseId)).toEqual([caseId]);
    expect(JSON.stringify(placement)).not.toContain('calendar sharing');
  });

  it('a mentor closes a case with a note to the client: the client gets it once, replying to the mentor team; closing it again is a 409', async () => {
    const caseId = opened[0] ?? '';
    const before = (await clientEmails()).length;

    const closed = await act(caseId, 'close', { note: 'Showed them the sharing settings.', noteToClient: 'Share your calendar from Settings, then Sharing.' }, mentors.ana);
    const again = await act(caseId, 'close', { noteToClient: 'A second note.' }, mentors.ben);
    await scenario.system.clock.waitForIdle();

    expect(closed.status, closed.body).toBe(200);
    expect(caseIn(closed)).toMatchObject({ status: 'CLOSED', closedBy: 'Ana Mentor' });
    expect(caseIn(closed).clientToldAt).toBeDefined();
    expect(again.status, again.body).toBe(409);
    const toClient = (await clientEmails()).slice(before);
    expect(toClient).toHaveLength(1);
    expect(toClient[0]?.text).toContain('Share your calendar from Settings, then Sharing.');
    expect(toClient[0]?.text).toContain(`Dear ${sampleClient.name},`);
    expect(toClient[0]?.text).not.toContain('Showed them the sharing settings.');
    const stored = storedEmailsSchema.parse(json(await get(`${scenario.system.endpoints.ses}/store`)));
    expect(stored.emails.find((email) => email.subject === toClient[0]?.subject)?.replyTo).toEqual([agencyMailboxes.mentors]);
    const placement = await readPlacement(scenario.system, scenario.placement.id);
    expect(whatHappened(placement, 'CASE_CLOSED').map((entry) => entry.details?.caseId)).toEqual([caseId]);
  });

  it('two mentors acknowledging one case at once: one owns it, the other is told', async () => {
    const caseId = opened[1] ?? '';

    const answers = await Promise.all([act(caseId, 'acknowledge', {}, mentors.ana), act(caseId, 'acknowledge', {}, mentors.ben)]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = caseIn(answers.find((answer) => answer.status === 200) ?? answers[0]!);
    const listed = (await listAll('acknowledged', 10)).pages.flatMap((page) => page.items).find((item) => item.id === caseId);
    expect(listed?.assignedTo).toBe(winner.assignedTo);
    const placement = await readPlacement(scenario.system, scenario.placement.id);
    expect(whatHappened(placement, 'CASE_ACKNOWLEDGED').filter((entry) => entry.details?.caseId === caseId)).toHaveLength(1);
  });

  it('two mentors closing one case at once: one closes it, and the client gets one note', async () => {
    const caseId = opened[2] ?? '';
    const before = (await clientEmails()).length;

    const answers = await Promise.all([
      act(caseId, 'close', { noteToClient: 'We will talk to Maria about her workload.' }, mentors.ana),
      act(caseId, 'close', { noteToClient: 'Maria and I will plan her week together.' }, mentors.ben),
    ]);
    await scenario.system.clock.waitForIdle();

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await clientEmails()).toHaveLength(before + 1);
  });

  it('takes a case over only when told to: a second mentor names the new owner', async () => {
    const caseId = opened[3] ?? '';
    await act(caseId, 'acknowledge', {}, mentors.ana);

    const refused = await act(caseId, 'acknowledge', { note: 'I know this client.' }, mentors.ben);
    const takenOver = await act(caseId, 'acknowledge', { assignTo: 'Ben Mentor', note: 'I know this client.' }, mentors.ben);

    expect(refused.status, refused.body).toBe(409);
    expect(takenOver.status, takenOver.body).toBe(200);
    expect(caseIn(takenOver)).toMatchObject({ status: 'ACKNOWLEDGED', assignedTo: 'Ben Mentor', acknowledgedBy: 'Ana Mentor' });
    expect(caseIn(takenOver).notes.map((note) => note.text)).toEqual(['I know this client.']);
  });

  it('answers 404 for a case that does not exist and 400 for input it cannot take', async () => {
    const unknown = await act('01JZZZZZZZZZZZZZZZZZZZZZZZ', 'acknowledge', {}, mentors.ana);
    const emptyNote = await act(opened[3] ?? '', 'close', { note: '   ' }, mentors.ana);
    const unknownField = await act(opened[3] ?? '', 'close', { reason: 'done' }, mentors.ana);
    const badStatus = await get(casesUrl('status=pending'), mentors.ana);

    expect([unknown.status, emptyNote.status, unknownField.status, badStatus.status]).toEqual([404, 400, 400, 400]);
  });
});
