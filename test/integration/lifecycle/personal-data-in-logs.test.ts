import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newYorkInterview, sampleCandidate } from '../../support/fixtures';
import { get, post, postJson } from '../../support/local-system';
import { advanceTo, completePaperwork, emailsFor, recordExamScore, signContract } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// The whole lifecycle, logged at its most talkative: no line holds a client's or a VE's email, phone
// or what the client wrote, whatever happened (a webhook refused, a bad request, a case opened).

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
});

const clientEmail = 'zofia.wisniewska@klinika.example';
const message = 'Our calendar invitations do not reach Maria since Tuesday';
const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: { ...newYorkInterview, clientEmail } } });
const lines: string[] = [];
let restore: () => void = () => undefined;

beforeAll(() => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    const capture = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return write(chunk, ...rest);
    };
    const spy = vi.spyOn(stream, 'write').mockImplementation(capture as typeof stream.write);
    const previous = restore;
    restore = () => {
      spy.mockRestore();
      previous();
    };
  }
});

afterAll(() => restore());

describe('the logs of a whole lifecycle', () => {
  it('hold no email address, phone number or message of the people in it', async () => {
    const { system, placement } = scenario;
    await advanceTo(system, '2030-04-02T13:00:00Z');
    await signContract(system, 'no-such-envelope-id').catch(() => undefined);
    await postJson(`${system.baseUrl}/webhooks/billing`, { type: 'checkout.session.completed', email: clientEmail }); // unsigned: refused
    await completePaperwork(system, placement.id);
    await advanceTo(system, '2030-04-12T19:00:00Z');
    await recordExamScore(system, placement.id, 93);
    await advanceTo(system, '2030-04-15T13:00:00Z');
    const welcome = (await emailsFor(system, placement)).at(-1);
    const talkLink = /https?:\/\/\S+\/links\/\S+\/talk-to-us\?key=\S+/.exec(welcome?.text ?? '')?.[0] ?? '';
    expect((await postJson(talkLink, { message })).status).toBe(201);
    await post(talkLink, 'message=', { 'content-type': 'application/x-www-form-urlencoded' }); // refused: empty
    await get(`${system.baseUrl}/links/${placement.id}/contract?key=${'x'.repeat(24)}`);
    await get(`${system.baseUrl}/placements?status=READY`, { authorization: `Bearer ${clientEmail}` }); // a token refused

    const logged = lines.join('');
    expect(lines.filter((line) => line.includes('"level"')).length).toBeGreaterThan(0); // the functions did log
    expect(logged).not.toContain(clientEmail);
    expect(logged).not.toContain(sampleCandidate.email);
    expect(logged).not.toContain(sampleCandidate.phone);
    expect(logged).not.toContain(message);
  });
});
