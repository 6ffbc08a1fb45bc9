import { beforeAll, describe, expect, it } from 'vitest';
import { newYorkInterview } from '../../support/fixtures';
import { get, json, patchJson, postJson } from '../../support/local-system';
import {
  admin,
  advanceTo,
  cancelPlacement,
  completePaperwork,
  contractLinks,
  emailsFor,
  readPlacement,
  recordExamScore,
  signContract,
  whatHappened,
} from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// Staff correct a misspelt name or an old email before the certificate; a certificate the agency no
// longer stands behind is revoked, and says so to whoever checks it.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: {
    corrected: { ...newYorkInterview, clientEmail: 'dana@old-address.example' },
    revoked: { ...newYorkInterview, clientEmail: 'revoked@example.com' },
    cancelledLate: { ...newYorkInterview, clientEmail: 'cancelled-late@example.com' },
  },
});

const placementUrl = (id: string) => `${scenario.system.baseUrl}/placements/${id}`;
const correct = async (id: string, body: unknown) => {
  const response = await patchJson(placementUrl(id), body, admin);
  await scenario.system.clock.waitForIdle();
  return response;
};
const envelopeStatusAtDocuSign = async (envelopeId: string) =>
  /This envelope is <strong>(\w+)<\/strong>/.exec((await get(`${scenario.system.endpoints.sandbox.docusign}/sign/${envelopeId}`)).body)?.[1] ?? 'sent';

describe("correcting the VE's and the client's details", () => {
  it("corrects the VE's phone without touching the contract out for signature", async () => {
    await advanceTo(scenario.system, '2030-04-02T13:00:00Z'); // the links went out
    const before = await readPlacement(scenario.system, scenario.corrected.id);
    const emailsBefore = await emailsFor(scenario.system, before);

    const response = await correct(before.id, { candidate: { phone: '+63 917 555 0199' }, reason: 'Typo at the interview.' });

    expect(response.status, response.body).toBe(200);
    const after = await readPlacement(scenario.system, before.id);
    expect(after.contract?.envelopeId).toBe(before.contract?.envelopeId);
    expect(whatHappened(after, 'DETAILS_CORRECTED').map((entry) => entry.details)).toEqual([
      { 'candidate.phone': '+63 917 555 0142 → +63 917 555 0199', reason: 'Typo at the interview.' },
    ]);
    expect(await emailsFor(scenario.system, after)).toHaveLength(emailsBefore.length);
  });

  it("voids the envelope and sends a new one, once, when the client's name and email change", async () => {
    const before = await readPlacement(scenario.system, scenario.corrected.id);
    const oldEnvelope = before.contract?.envelopeId ?? '';
    const correction = { client: { name: 'Dana Whitfield-Müller', email: 'dana@whitfield-dental.example' } };

    const first = await correct(before.id, correction);
    const again = await correct(before.id, correction);

    expect(first.status, first.body).toBe(200);
    expect(again.status, again.body).toBe(200);
    const after = await readPlacement(scenario.system, before.id);
    expect(after.client).toMatchObject(correction.client);
    expect(after.contract?.envelopeId).not.toBe(oldEnvelope);
    expect(after.contract?.status).toBe('SENT');
    expect(await envelopeStatusAtDocuSign(oldEnvelope)).toBe('voided');
    expect(whatHappened(after, 'CONTRACT_VOIDED').map((entry) => entry.details)).toEqual([{ envelopeId: oldEnvelope }]);
    expect(whatHappened(after, 'CONTRACT_SENT')).toHaveLength(2);
    const toCorrectedClient = (await emailsFor(scenario.system, after)).filter((email) => email.to.includes('dana@whitfield-dental.example'));
    expect(toCorrectedClient).toHaveLength(1);
    expect(toCorrectedClient[0]?.text).toContain('Dear Dana,');
  });

  it("opens the new envelope from the corrected client's link, and records its signature", async () => {
    const placement = await readPlacement(scenario.system, scenario.corrected.id);
    const [letter] = (await emailsFor(scenario.system, placement)).filter((email) => email.to.includes('dana@whitfield-dental.example'));
    const [link] = contractLinks(letter ?? { text: '' });

    const opened = await get(link ?? '');

    expect(opened.status).toBe(302);
    expect(opened.headers.location).toContain(placement.contract?.envelopeId ?? 'no envelope');
    await signContract(scenario.system, placement.contract?.envelopeId ?? '');
    expect((await readPlacement(scenario.system, placement.id)).contract?.status).toBe('SIGNED');
  });

  it("refuses to change the signer of a signed contract, and a detail that is no detail, changing nothing", async () => {
    const before = await readPlacement(scenario.system, scenario.corrected.id);

    const signer = await correct(before.id, { client: { email: 'someone.else@example.com' } });
    const timezone = await correct(before.id, { client: { timezone: 'Europe/Paris' } });
    const nothing = await correct(before.id, { reason: 'No detail given.' });
    const badName = await correct(before.id, { candidate: { name: 'Maria\u202eSantos' } });

    expect(signer.status).toBe(409);
    expect((json(signer) as { error: { details: { reason: string } } }).error.details.reason).toBe('CONTRACT_SIGNED');
    expect([timezone.status, nothing.status, badName.status]).toEqual([400, 400, 400]);
    expect(await readPlacement(scenario.system, before.id)).toEqual(before);
  });
});

describe('a revoked certificate', () => {
  const certificates = new Map<string, string>();
  beforeAll(async () => {
    const ids = [scenario.revoked.id, scenario.cancelledLate.id];
    for (const id of ids) await completePaperwork(scenario.system, id);
    await advanceTo(scenario.system, '2030-04-12T19:00:00Z');
    for (const id of ids) {
      const response = await recordExamScore(scenario.system, id, 91);
      expect(response.status, response.body).toBe(200);
      certificates.set(id, (await readPlacement(scenario.system, id)).certificate?.id ?? '');
    }
  });
  const verification = async (certificateId: string) => json(await get(`${scenario.system.baseUrl}/certificates/${certificateId}`, { accept: 'application/json' }));

  it('verifies as REVOKED with the date once an admin revokes it, and revoking again changes nothing', async () => {
    const certificateId = certificates.get(scenario.revoked.id) ?? '';
    expect(await verification(certificateId)).toMatchObject({ status: 'VALID' });

    const revoked = await postJson(`${placementUrl(scenario.revoked.id)}/revoke-certificate`, { reason: 'Issued to the wrong VE.' }, admin);
    const again = await postJson(`${placementUrl(scenario.revoked.id)}/revoke-certificate`, { reason: 'Twice.' }, admin);

    expect(revoked.status, revoked.body).toBe(200);
    expect(again.status).toBe(200);
    expect(await verification(certificateId)).toEqual({
      certificateId,
      veName: scenario.revoked.candidate.name,
      clientCompany: scenario.revoked.client.company,
      issuedOn: '2030-04-12',
      status: 'REVOKED',
      revokedOn: '2030-04-12',
    });
    const placement = await readPlacement(scenario.system, scenario.revoked.id);
    expect(whatHappened(placement, 'CERTIFICATE_REVOKED').map((entry) => entry.details)).toEqual([
      { certificateId, reason: 'Issued to the wrong VE.' },
    ]);
  });

  it('is revoked when staff cancel the placement after certification', async () => {
    const certificateId = certificates.get(scenario.cancelledLate.id) ?? '';
    expect(await verification(certificateId)).toMatchObject({ status: 'VALID' });

    const cancelled = await cancelPlacement(scenario.system, scenario.cancelledLate.id, 'The client ended the engagement.');

    expect(cancelled.status, cancelled.body).toBe(200);
    expect(await verification(certificateId)).toMatchObject({ status: 'REVOKED' });
  });

  it('leaves the details as they were certified', async () => {
    const response = await correct(scenario.revoked.id, { candidate: { name: 'Someone Else' } });

    expect(response.status).toBe(409);
    expect((json(response) as { error: { details: { reason: string } } }).error.details.reason).toBe('DETAILS_FINAL');
  });
});

describe("a placement's history, a page at a time", () => {
  it('pages through the whole history in order, the placement giving the first page', async () => {
    const whole = await readPlacement(scenario.system, scenario.corrected.id);
    const pages: unknown[][] = [];
    let nextToken: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '3', ...(nextToken === undefined ? {} : { nextToken }) });
      const response = await get(`${placementUrl(whole.id)}/history?${query}`, admin);
      expect(response.status, response.body).toBe(200);
      const page = json(response) as { items: unknown[]; nextToken?: string };
      pages.push(page.items);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);

    expect(pages.flat()).toEqual(whole.history);
    expect(pages.every((page) => page.length <= 3)).toBe(true);
    expect(pages.length).toBeGreaterThan(2);
  });

  it('refuses a token from another placement', async () => {
    const first = json(await get(`${placementUrl(scenario.corrected.id)}/history?limit=1`, admin)) as { nextToken: string };

    const response = await get(`${placementUrl(scenario.revoked.id)}/history?nextToken=${first.nextToken}`, admin);

    expect(response.status).toBe(400);
  });
});
