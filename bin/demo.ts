import { DateTime } from 'luxon';
import { z } from 'zod';
import { defaultStaffToken } from '../local/config';
import { httpRequest } from '../local/http';
import type { LocalSystem } from '../local/system';

/**
 * `npm run demo`: one placement through the whole certification phase on the virtual clock, against
 * a running `npm start` (PORT, default 3000) or, if none answers, a throwaway system of its own.
 * Every step is printed at its virtual time; the emails can then be read in the SES viewer.
 */

const port = Number(process.env.PORT ?? '3000');
const token = process.env.STAFF_TOKEN ?? defaultStaffToken;
const agencyZone = 'America/Chicago';

const placementSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  timeline: z.looseObject({ linksAt: z.string(), weekStartsAt: z.string(), sessionsAt: z.array(z.string()), examAt: z.string(), startsAt: z.string() }),
  contract: z.looseObject({ envelopeId: z.string() }).optional(),
  reserve: z.looseObject({ checkoutSessionId: z.string().optional() }).optional(),
  certificate: z.looseObject({ id: z.string() }).optional(),
});
const clockSchema = z.object({ now: z.string() });
const endpointsSchema = z.looseObject({ ses: z.string(), sandbox: z.object({ docusign: z.string(), billing: z.string() }) });
const emailsSchema = z.array(z.looseObject({ to: z.array(z.string()), subject: z.string(), at: z.string() }));

async function call(baseUrl: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
  const response = await httpRequest(`${baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 400) throw new Error(`${method} ${route} answered ${response.status}: ${response.body}`);
  return response.body.length > 0 ? JSON.parse(response.body) : undefined;
}

async function reachable(baseUrl: string): Promise<boolean> {
  try {
    return (await httpRequest(`${baseUrl}/_local/clock`)).status === 200;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let baseUrl = `http://localhost:${port}`;
  let ownSystem: LocalSystem | undefined;
  if (!(await reachable(baseUrl))) {
    console.log(`No local system answers on port ${port}: starting a throwaway one (in memory).\n`);
    const { startLocalSystem } = await import('../local/system');
    ownSystem = await startLocalSystem({ port: 0, memory: true, scheduler: false });
    baseUrl = ownSystem.baseUrl;
  }

  const now = async () => clockSchema.parse(await call(baseUrl, 'GET', '/_local/clock')).now;
  const say = async (what: string) => {
    const at = DateTime.fromISO(await now()).setZone(agencyZone).toFormat("ccc yyyy-LL-dd HH:mm ZZZZ");
    console.log(`[${at}] ${what}`);
  };
  const advanceTo = (instant: string) => call(baseUrl, 'POST', '/_local/clock', { advanceTo: instant });
  const read = async (id: string) => placementSchema.parse(await call(baseUrl, 'GET', `/placements/${id}`));
  const endpoints = endpointsSchema.parse(await call(baseUrl, 'GET', '/_local/endpoints'));
  const emailsBefore = emailsSchema.parse(await call(baseUrl, 'GET', '/_local/emails')).length;

  const start = DateTime.fromISO(await now(), { zone: 'utc' });
  const created = placementSchema.parse(
    await call(baseUrl, 'POST', '/placements', {
      client: { name: 'Dana Whitfield', email: 'dana@whitfield-dental.example', company: 'Whitfield Dental', timezone: 'America/New_York' },
      candidate: { name: 'Maria Santos', email: 'maria.santos@ve.example', phone: '+63 917 555 0142' },
      interviewAt: start.minus({ hours: 2 }).toISO(),
    }),
  );
  const id = created.id;
  await say(`Staff record the selection of Maria Santos for Whitfield Dental: placement ${id} (${created.status}).`);

  await advanceTo(created.timeline.linksAt);
  await say(`The onboarding email goes to the client: the DocuSign contract and the billing-reserve links (${(await read(id)).status}).`);

  const sent = await read(id);
  await advanceTo(DateTime.fromISO(sent.timeline.linksAt).plus({ hours: 3 }).toISO() ?? sent.timeline.linksAt);
  await httpRequest(`${endpoints.sandbox.docusign}/envelopes/${sent.contract?.envelopeId ?? ''}/complete`, { method: 'POST', headers: { accept: 'application/json' } });
  await say('The client signs the contract in the DocuSign sandbox; the signed Connect webhook arrives.');
  await httpRequest(`${endpoints.sandbox.billing}/checkout/sessions/${sent.reserve?.checkoutSessionId ?? ''}/pay`, {
    method: 'POST',
    headers: { accept: 'application/json' },
  });
  await call(baseUrl, 'POST', '/_local/clock', { advanceBy: 'PT1M' });
  const ready = await read(id);
  await say(`The client funds the reserve; the signed billing webhook arrives: ${ready.status}. The week's schedule goes to the client and the VE.`);

  await advanceTo(ready.timeline.weekStartsAt);
  await say(`Monday: the certification week starts (${(await read(id)).status}). Session: industry background.`);
  const topics = ["the client's company background", 'soft-skills mentoring', 'soft-skills mentoring, practice'];
  for (const [index, sessionAt] of ready.timeline.sessionsAt.slice(1).entries()) {
    await advanceTo(sessionAt);
    await say(`Session: ${topics[index] ?? 'certification'}.`);
  }
  await advanceTo(ready.timeline.examAt);
  await say(`Friday afternoon: the certification exam (${(await read(id)).status}); the proctors are told.`);

  await advanceTo(DateTime.fromISO(ready.timeline.examAt).plus({ hours: 2 }).toISO() ?? ready.timeline.examAt);
  await call(baseUrl, 'POST', `/placements/${id}/exam-result`, { score: 91, notes: 'Clear, warm and well prepared.' });
  await call(baseUrl, 'POST', '/_local/clock', { advanceBy: 'PT1M' });
  const certified = await read(id);
  const certificateId = certified.certificate?.id ?? '';
  await say(`The proctor records 91/100: ${certified.status}. Certificate ${certificateId}, with the VE's contact details, goes to the client.`);
  const verification = z.looseObject({ status: z.string(), veName: z.string() }).parse(await call(baseUrl, 'GET', `/certificates/${certificateId}`));
  await say(`Anyone can check it: ${baseUrl}/certificates/${certificateId} → ${verification.status} for ${verification.veName}.`);

  await advanceTo(ready.timeline.startsAt);
  await say(`First working day: ${(await read(id)).status}. The client gets the welcome letter with the agency's three tips.`);

  const emails = emailsSchema.parse(await call(baseUrl, 'GET', '/_local/emails')).slice(emailsBefore);
  console.log(`\n${emails.length} emails were sent:`);
  for (const email of emails) {
    const at = DateTime.fromISO(email.at).setZone(agencyZone).toFormat('ccc LL-dd HH:mm');
    console.log(`  ${at}  to ${email.to.join(', ')}: ${email.subject}`);
  }
  console.log(`\nRead them in the SES viewer: ${endpoints.ses}`);

  if (ownSystem !== undefined) {
    if (process.stdin.isTTY) {
      console.log('This throwaway system keeps running so you can read them; press Ctrl-C to stop it.');
      const system = ownSystem;
      process.on('SIGINT', () => void system.stop().then(() => process.exit(0)));
    } else {
      await ownSystem.stop();
      process.exit(0);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
