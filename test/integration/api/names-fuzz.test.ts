import fc from 'fast-check';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { newYorkInterview, selectionBody } from '../../support/fixtures';
import { json, patchJson, postJson } from '../../support/local-system';
import { admin, advanceTo, completePaperwork, emailsFor, readPlacement, recordExamScore, type PlacementSeen } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// Generated names in every script (and in none): each selection and each correction is either refused
// at the door with a 400, or carried all the way to a certificate PDF — never a flagged lifecycle.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: {} });

/** Letters of the scripts clients and VEs are named in, a few marks and joiners, and anything at all. */
const scriptRanges: [number, number][] = [
  [0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x24f], // Latin, Latin-1, Extended-A/B
  [0x1ea0, 0x1ef9], // Vietnamese
  [0x391, 0x3c9], // Greek
  [0x410, 0x44f], // Cyrillic
  [0x4e00, 0x4fff], // CJK
  [0x5d0, 0x5ea], // Hebrew
  [0x627, 0x64a], // Arabic
  [0x905, 0x939], [0x93e, 0x94d], // Devanagari letters and signs
  [0xe01, 0xe2e], [0xe31, 0xe3a], // Thai letters and marks
];
const scriptCharacter = fc.oneof(
  ...scriptRanges.map(([from, to]) => fc.integer({ min: from, max: to }).map((code) => String.fromCodePoint(code))),
  fc.constantFrom(' ', '-', "'", '.', '\u200c', '\u200d', '\u0301'),
);
const name = fc.oneof(
  { weight: 6, arbitrary: fc.array(scriptCharacter, { minLength: 1, maxLength: 24 }).map((characters) => characters.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) }, // controls, surrogates' partners, emoji…
);

const runs = fc.sample(fc.record({ client: name, company: name, ve: name, correctedVe: name }), { numRuns: 24, seed: 20301202 });

const accepted: { placement: PlacementSeen; veName: string }[] = [];

beforeAll(async () => {
  for (const [index, run] of runs.entries()) {
    const body = selectionBody({ ...newYorkInterview, clientEmail: `client-${index}@example.com` });
    const response = await postJson(
      `${scenario.system.baseUrl}/placements`,
      { ...body, client: { ...body.client, name: run.client, company: run.company }, candidate: { ...body.candidate, name: run.ve } },
      admin,
    );
    if (response.status === 400) continue;
    expect(response.status, response.body).toBe(201);
    const placement = json(response) as PlacementSeen;
    const corrected = await patchJson(`${scenario.system.baseUrl}/placements/${placement.id}`, { candidate: { name: run.correctedVe } }, admin);
    expect([200, 400], corrected.body).toContain(corrected.status);
    accepted.push({ placement, veName: corrected.status === 200 ? run.correctedVe.trim() : run.ve.trim() });
  }
  await advanceTo(scenario.system, '2030-04-02T13:00:00Z');
  for (const { placement } of accepted) await completePaperwork(scenario.system, placement.id);
  await advanceTo(scenario.system, '2030-04-12T19:00:00Z');
  for (const { placement } of accepted) await recordExamScore(scenario.system, placement.id, 90);
}, 240_000);

describe('generated names', () => {
  it('were accepted often enough for the run to mean something', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(runs.length / 2);
  });

  it('each reach a certificate, none flagged, the PDF sent to the client holding the VE’s name', async () => {
    for (const { placement, veName } of accepted) {
      const current = await readPlacement(scenario.system, placement.id);
      expect({ id: current.id, status: current.status, needsAttention: current.needsAttention }).toEqual({
        id: placement.id,
        status: 'CERTIFIED',
        needsAttention: undefined,
      });
      const pdf = (await emailsFor(scenario.system, current)).flatMap((email) => email.attachments).find((file) => file.contentType === 'application/pdf');
      expect(pdf, `certificate of ${placement.id}`).toBeDefined();
      const text = (await new PDFParse({ data: new Uint8Array(pdf?.content ?? []) }).getText()).text;
      // Right-to-left and shaped scripts come out of text extraction reordered; Latin, Greek, Cyrillic and CJK come out as drawn.
      if (/^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han} .'-]+$/u.test(veName)) expect(text).toContain(veName);
    }
  });
});
