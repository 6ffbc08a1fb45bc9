import { DateTime } from 'luxon';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultStaffToken } from '../local/config';
import { httpRequest } from '../local/http';
import type { LocalSystem } from '../local/system';

/**
 * `npm run demo`: one placement through the whole certification phase on the virtual clock, against
 * a running `npm start` (PORT, default 3000) or, if none answers, a throwaway system of its own.
 * Every step is printed at its virtual time; the emails can then be read in the SES viewer.
 */

const usage = `Usage: npm run demo [-- --port <port>] [-- --exit]

Tells one placement's story, from the selection to the VE's first working day, on the virtual clock,
printing each step at its virtual time (agency time).

Against a running system: start it with \`npm start\` (or \`PORT=4000 npm start\`), then run
\`npm run demo\` in a second terminal (\`PORT=4000 npm run demo\`, or \`npm run demo -- --port 4000\`).
The demo moves that system's clock on by about two weeks; its placement and emails stay there.

With nothing answering on the port, it starts a throwaway system of its own (in memory). In a
terminal, that system and its mailbox viewer keep running after the story until Ctrl-C.

Options:
  --port <port>   the API port of the running system (default: PORT, else 3000)
  --exit          stop the throwaway system when the story ends instead of waiting for Ctrl-C
  -h, --help      print this and exit

Environment: PORT, STAFF_TOKEN (an admin token of the running system; default ${defaultStaffToken}).`;

class UsageError extends Error {}

const optionsSchema = z.object({
  port: z.coerce.number().int().min(1).max(65_535),
  exit: z.boolean(),
  help: z.boolean(),
});

function readOptions(argv: string[]): z.infer<typeof optionsSchema> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, exit: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = optionsSchema.safeParse({ port: values.port ?? process.env.PORT ?? '3000', exit: values.exit === true, help: values.help === true });
  if (!parsed.success) throw new UsageError(`Not a port: ${values.port ?? process.env.PORT ?? ''}`);
  return parsed.data;
}

let options: z.infer<typeof optionsSchema>;
try {
  options = readOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}

const { port } = options;
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
    // JSON, not the page a browser gets (the certificate's verification answers both).
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
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
  // A throwaway system outlives the story only in a terminal (until Ctrl-C): otherwise it prints no URL that is dead by the time it is read.
  const staysUp = ownSystem === undefined || (process.stdin.isTTY && !options.exit);

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
  await say(`Anyone can check it: ${staysUp ? baseUrl : ''}/certificates/${certificateId} → ${verification.status} for ${verification.veName}.`);

  await advanceTo(ready.timeline.startsAt);
  await say(`First working day: ${(await read(id)).status}. The client gets the welcome letter with the agency's three tips.`);

  const emails = emailsSchema.parse(await call(baseUrl, 'GET', '/_local/emails')).slice(emailsBefore);
  console.log(`\n${emails.length} emails were sent:`);
  for (const email of emails) {
    const at = DateTime.fromISO(email.at).setZone(agencyZone).toFormat('ccc LL-dd HH:mm');
    console.log(`  ${at}  to ${email.to.join(', ')}: ${email.subject}`);
  }
  if (ownSystem === undefined) {
    console.log(`\nRead them in the SES viewer: ${endpoints.ses}`);
    return;
  }
  if (staysUp) {
    console.log(`\nRead them in the SES viewer: ${endpoints.ses}`);
    console.log('This throwaway system keeps running so you can read them; press Ctrl-C to stop it.');
    const system = ownSystem;
    process.on('SIGINT', () => void system.stop().then(() => process.exit(0)));
    return;
  }
  await ownSystem.stop();
  console.log('\nThe throwaway system stopped with the story, and its mailbox with it. To read the emails, run `npm start`, then `npm run demo` in a second terminal.');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
