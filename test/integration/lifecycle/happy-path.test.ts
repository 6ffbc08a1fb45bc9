import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { agencyMailboxes, newYorkInterview, sampleCandidate, sampleClient } from '../../support/fixtures';
import { get, json, post, postJson } from '../../support/local-system';
import {
  advanceTo,
  emailsFor,
  payReserve,
  readPlacement,
  recordExamScore,
  signContract,
  sentEmails,
  contractLinks,
  paymentLinks,
  type PlacementSeen,
  whatHappened,
} from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// One placement from selection to its first working day, on the virtual clock. The client is in New
// York (EDT, UTC−4), the agency in Chicago (CDT, UTC−5), in a week without a DST change.

const scenario = selectionScenario({ now: '2030-04-02T12:00:00Z', selections: { placement: newYorkInterview } });

const statusesOf = (seen: PlacementSeen) => (seen.history ?? []).flatMap((entry) => (entry.toStatus === undefined ? [] : [entry.toStatus]));

describe('a placement that certifies', () => {
  it('plans the day-after email, the Monday week and the Friday exam from the selection', () => {
    expect(scenario.placement.status).toBe('SELECTED');
    expect(scenario.placement.timeline).toMatchObject({
      linksAt: '2030-04-02T13:00:00Z', // 09:00 in New York, the day after the interview
      certificationWeek: '2030-04-08',
      weekStartsAt: '2030-04-08T14:00:00Z', // Monday 09:00 Chicago
      examAt: '2030-04-12T18:00:00Z', // Friday 13:00 Chicago
      startsAt: '2030-04-15T13:00:00Z', // the next Monday, 09:00 New York
    });
  });

  it('emails the contract and reserve links at 09:00 client time the day after the interview, not before', async () => {
    await advanceTo(scenario.system, '2030-04-02T12:59:00Z');
    expect(await emailsFor(scenario.system, scenario.placement)).toEqual([]);

    await advanceTo(scenario.system, '2030-04-02T13:00:00Z');
    const [onboarding, ...others] = await emailsFor(scenario.system, scenario.placement);
    expect(others).toEqual([]);
    expect(onboarding).toMatchObject({ to: [sampleClient.email], at: '2030-04-02T13:00:00.000Z' });
    expect(onboarding?.text).toContain('Review and sign the contract');
    expect(onboarding?.text).toContain('Fund the billing reserve');
    expect(onboarding?.text).toMatch(/Customer Service/);
    expect(onboarding?.html).toContain('<a href=');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('AWAITING_ONBOARDING');
  });

  it("lets the client's links open DocuSign and the checkout, and nobody without the key", async () => {
    const [onboarding] = await emailsFor(scenario.system, scenario.placement);
    const [contractLink] = contractLinks(onboarding ?? { text: '' });
    const [reserveLink] = paymentLinks(onboarding ?? { text: '' });
    const current = await readPlacement(scenario.system, scenario.placement.id);

    const toDocuSign = await get(contractLink ?? '');
    const toCheckout = await get(reserveLink ?? '');
    const guessed = await get((contractLink ?? '').replace(/key=[^&]+/, 'key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));

    expect(toDocuSign.status).toBe(302);
    expect(toDocuSign.headers.location).toContain(`/docusign/sign/${current.contract?.envelopeId ?? 'none'}`);
    expect(toCheckout.status).toBe(302);
    expect(toCheckout.headers.location).toContain(`/billing/pay/${current.reserve?.checkoutSessionId ?? 'none'}`);
    expect(guessed.status).toBe(404);
  });

  it('is READY once the client signs and funds, and tells the client and the VE the week', async () => {
    await advanceTo(scenario.system, '2030-04-03T15:30:00Z');
    const before = await readPlacement(scenario.system, scenario.placement.id);
    await payReserve(scenario.system, before.reserve?.checkoutSessionId ?? '');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('AWAITING_ONBOARDING');
    await signContract(scenario.system, before.contract?.envelopeId ?? '');

    const ready = await readPlacement(scenario.system, scenario.placement.id);
    expect(ready.status).toBe('READY');
    expect(ready.contract?.status).toBe('SIGNED');
    expect(ready.reserve?.status).toBe('FUNDED');
    const [contractLink] = contractLinks((await emailsFor(scenario.system, scenario.placement))[0] ?? { text: '' });
    const signedPage = await get(contractLink ?? '');
    expect(signedPage.status).toBe(200);
    expect(signedPage.headers['content-type']).toContain('text/html');
    expect(signedPage.body).toContain('The contract is signed');
    const week = (await emailsFor(scenario.system, scenario.placement)).filter((email) => /week/i.test(email.subject));
    expect(week.map((email) => email.to[0]).sort()).toEqual([sampleClient.email, sampleCandidate.email]);
  });

  it('starts the certification Monday and records the Monday–Thursday sessions as they happen', async () => {
    await advanceTo(scenario.system, '2030-04-08T13:59:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('READY');

    await advanceTo(scenario.system, '2030-04-11T14:00:00Z');
    const week = await readPlacement(scenario.system, scenario.placement.id);
    expect(week.status).toBe('IN_CERTIFICATION');
    const sessions = whatHappened(week, 'SESSION_HELD');
    expect(sessions.map((entry) => entry.at.slice(0, 16))).toEqual(['2030-04-08T14:00', '2030-04-09T14:00', '2030-04-10T14:00', '2030-04-11T14:00']);
    expect(sessions.map((entry) => entry.details?.topic)).toEqual([
      'Industry background',
      "The client's company background",
      'Soft-skills mentoring',
      'Soft-skills mentoring: practice',
    ]);
  });

  it('moves to EXAM at 13:00 agency time on Friday and tells the proctors', async () => {
    await advanceTo(scenario.system, '2030-04-12T17:59:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('IN_CERTIFICATION');

    await advanceTo(scenario.system, '2030-04-12T18:00:00Z');
    expect((await readPlacement(scenario.system, scenario.placement.id)).status).toBe('EXAM');
    const examDay = (await emailsFor(scenario.system, scenario.placement)).find((email) => email.to.includes(agencyMailboxes.proctors));
    expect(examDay?.at).toBe('2030-04-12T18:00:00.000Z');
  });

  it("sends the client the VE's contact details and a parseable certificate after a passing score", async () => {
    await advanceTo(scenario.system, '2030-04-12T19:30:00Z');
    const response = await recordExamScore(scenario.system, scenario.placement.id, 92);
    expect(response.status, response.body).toBe(200);

    const certified = await readPlacement(scenario.system, scenario.placement.id);
    expect(certified.status).toBe('CERTIFIED');
    const certificateId = certified.certificate?.id ?? '';
    const toClient = (await emailsFor(scenario.system, scenario.placement)).find((email) => email.attachments.length > 0);
    expect(toClient?.to).toEqual([sampleClient.email]);
    expect(toClient?.at.slice(0, 16)).toBe('2030-04-12T19:30');
    expect(toClient?.text).toContain(sampleCandidate.email);
    expect(toClient?.text).toContain(sampleCandidate.phone);
    expect(toClient?.text).toContain('Congratulations!');
    expect(toClient?.text).toMatch(/weekend/);

    const [pdf] = toClient?.attachments ?? [];
    expect(pdf?.contentType).toBe('application/pdf');
    const parsed = await new PDFParse({ data: new Uint8Array(pdf?.content ?? []) }).getText();
    expect(parsed.text).toContain(sampleCandidate.name);
    expect(parsed.text).toContain(sampleClient.company);
    expect(parsed.text).toContain(certificateId);
    expect(parsed.text).toContain(`/certificates/${certificateId}`);

    const toVe = (await emailsFor(scenario.system, scenario.placement)).filter((email) => email.to.includes(sampleCandidate.email));
    expect(toVe.some((email) => email.text.includes(certificateId))).toBe(true);
  });

  it('lets anyone confirm the certificate is genuine, and nothing private', async () => {
    const certificateId = (await readPlacement(scenario.system, scenario.placement.id)).certificate?.id ?? '';
    const response = await get(`${scenario.system.baseUrl}/certificates/${certificateId}`, { accept: 'application/json' });
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ certificateId, veName: sampleCandidate.name, clientCompany: sampleClient.company, issuedOn: '2030-04-12', status: 'VALID' });
    expect((await get(`${scenario.system.baseUrl}/certificates/01NOTACERTIFICATE0000000000`, { accept: 'application/json' })).status).toBe(404);
  });

  it('is ACTIVE on the first Monday with the welcome letter, every status in order', async () => {
    await advanceTo(scenario.system, '2030-04-15T13:00:00Z');
    const active = await readPlacement(scenario.system, scenario.placement.id);
    expect(active.status).toBe('ACTIVE');
    expect(statusesOf(active)).toEqual(['SELECTED', 'AWAITING_ONBOARDING', 'READY', 'IN_CERTIFICATION', 'EXAM', 'CERTIFIED', 'ACTIVE']);
    const welcome = (await emailsFor(scenario.system, scenario.placement)).at(-1);
    expect(welcome).toMatchObject({ to: [sampleClient.email], at: '2030-04-15T13:00:00.000Z' });
    expect(welcome?.text).toMatch(/mentors@agency\.example\.com/);
  });

  it('lets the client talk to the mentor team from the welcome letter: a case opens and the mentors get it', async () => {
    const welcome = (await emailsFor(scenario.system, scenario.placement)).at(-1);
    const talkLink = [...(welcome?.text ?? '').matchAll(/https?:\/\/\S+\/links\/\S+\/talk-to-us\?key=\S+/g)].map((match) => match[0])[0] ?? '';

    const page = await get(talkLink);
    const sentForm = await post(talkLink, new URLSearchParams({ message: 'How do I share my calendar with Maria?' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const withoutKey = await postJson(talkLink.replace(/key=[^&]+/, 'key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), { message: 'Hi' });

    expect(page.status).toBe(200);
    expect(page.body).toContain('<textarea');
    expect(sentForm.status).toBe(201);
    expect(withoutKey.status).toBe(404);
    const toMentors = (await sentEmails(scenario.system)).filter((email) => email.to.includes(agencyMailboxes.mentors));
    expect(toMentors).toHaveLength(1);
    expect(toMentors[0]?.text).toContain('How do I share my calendar with Maria?');
    const opened = whatHappened(await readPlacement(scenario.system, scenario.placement.id), 'CASE_OPENED');
    expect(opened).toHaveLength(1);
  });

  it('sent each email exactly once', async () => {
    const emails = await emailsFor(scenario.system, scenario.placement);
    const keys = emails.map((email) => `${email.to.join(',')}|${email.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(emails).toHaveLength(8); // links, week ×2, exam day, certified ×2, welcome, the mentors' case
  });
});
