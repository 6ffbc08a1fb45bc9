import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../lib/manifest';
import { agencyMailboxes, newYorkInterview, sampleCandidate, sampleClient } from '../../support/fixtures';
import { httpRequest } from '../../../local/http';
import { get, postJson, type PlainResponse } from '../../support/local-system';
import { admin, advanceTo, cancelPlacement, completePaperwork, contractLinks, emailsFor, readPlacement, recordExamScore } from '../../support/lifecycle';
import { selectionScenario } from '../../support/scenario';

// What a person sees in a browser: the certificate's verification page, a friendly page for a client
// link that does not work, and never JSON, a validation issue list or a stack trace.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: {
    genuine: newYorkInterview,
    revoked: { ...newYorkInterview, clientEmail: 'revoked@example.com', company: 'Harbor Legal' },
    cancelled: { ...newYorkInterview, clientEmail: 'cancelled@example.com' },
  },
});

/** What Chrome sends when a person opens a link. */
const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' };
const program = { accept: 'application/json' };

const certificateIds = new Map<string, string>();
/** The genuine placement's contract link: its key opens the client's other links too. */
let genuineContractLink = '';
let cancelledContractLink = '';

beforeAll(async () => {
  const { system } = scenario;
  await advanceTo(system, '2030-04-02T13:00:00Z'); // the onboarding links go out
  const linkOf = async (name: 'genuine' | 'cancelled') => contractLinks((await emailsFor(system, scenario[name]))[0] ?? { text: '' })[0] ?? '';
  genuineContractLink = await linkOf('genuine');
  cancelledContractLink = await linkOf('cancelled');
  expect((await cancelPlacement(system, scenario.cancelled.id, 'The client chose another candidate.')).status).toBe(200);
  for (const name of ['genuine', 'revoked'] as const) await completePaperwork(system, scenario[name].id);
  await advanceTo(system, '2030-04-12T19:00:00Z'); // the Friday exam
  for (const name of ['genuine', 'revoked'] as const) {
    expect((await recordExamScore(system, scenario[name].id, 93)).status).toBe(200);
    certificateIds.set(name, (await readPlacement(system, scenario[name].id)).certificate?.id ?? '');
  }
  const revoked = await postJson(`${system.baseUrl}/placements/${scenario.revoked.id}/revoke-certificate`, { reason: 'Issued to the wrong VE.' }, admin);
  expect(revoked.status, revoked.body).toBe(200);
});

const keyOf = (link: string) => new URL(link).searchParams.get('key') ?? '';
const certificateUrl = (name: 'genuine' | 'revoked') => `${scenario.system.baseUrl}/certificates/${certificateIds.get(name) ?? ''}`;
/** The text a person reads: the page without its tags and style. */
const textOf = (page: PlainResponse) =>
  page.body
    .replace(/<style>[^<]*<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** Customer Service's email and the agency's phone, as the footer and the page's help line show them. */
function expectCustomerServiceReachable(page: PlainResponse): void {
  expect(page.body).toContain(`href="mailto:${agencyMailboxes.customerService}"`);
  expect(page.body).toContain('href="tel:+13125550100"');
  expect(textOf(page)).toMatch(/our Customer Service Team[^.]*: write to customer\.service@agency\.example\.com or call \+1 312 555 0100/);
}

/** A page for a person: HTML in the agency's layout, never JSON, a zod issue or a stack trace. */
function expectPage(page: PlainResponse): void {
  const context = `${page.status} ${page.body.slice(0, 400)}`;
  expect(page.headers['content-type'], context).toMatch(/^text\/html/);
  expect(page.body, context).toMatch(/^<!doctype html><html lang="en">/);
  expect(page.body, context).toContain('<img src="/assets/logo.svg" alt="Virtual Employee Staffing"');
  expect(page.body, context).not.toMatch(/^\s*[{[]/);
  expect(page.body, context).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|INVALID_INPUT|invalid_type|too_small|too_big|"code"|Expected (string|number)/);
}

describe('the certificate verification page', () => {
  it('shows a genuine certificate as VALID with the VE, the client company and the day of issue, and no other personal data', async () => {
    const page = await get(certificateUrl('genuine'), browser);

    expect(page.status).toBe(200);
    expectPage(page);
    const text = textOf(page);
    expect(text).toContain('VALID: this certificate is genuine');
    expect(text).toContain(`Virtual Employee ${sampleCandidate.name}`);
    expect(text).toContain(`Certified for ${sampleClient.company}`);
    expect(text).toContain('Issued on April 12, 2030');
    for (const personal of [sampleClient.name, sampleClient.email, sampleCandidate.email, sampleCandidate.phone]) expect(page.body).not.toContain(personal);
    expect(page.body).toContain('@media print');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('shows a revoked certificate as REVOKED with the day, never VALID', async () => {
    const page = await get(certificateUrl('revoked'), browser);

    expect(page.status).toBe(200);
    expectPage(page);
    expect(textOf(page)).toContain('REVOKED on April 12, 2030');
    expect(textOf(page)).toContain('Certified for Harbor Legal');
    expect(page.body).not.toContain('VALID');
  });

  it('says we issued no certificate with an unknown id, with a 404, to a browser and to a request that asks for nothing', async () => {
    for (const headers of [browser, {}]) {
      const page = await get(`${scenario.system.baseUrl}/certificates/01NOTACERTIFICATE0000000000`, headers);

      expect(page.status).toBe(404);
      expectPage(page);
      expect(textOf(page)).toContain('We issued no certificate with this id.');
      expectCustomerServiceReachable(page);
    }
  });

  it('answers a program that asks for JSON with the same facts, the company included', async () => {
    const genuine = await get(certificateUrl('genuine'), program);
    const revoked = await get(certificateUrl('revoked'), program);
    const unknown = await get(`${scenario.system.baseUrl}/certificates/01NOTACERTIFICATE0000000000`, program);

    expect(genuine.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(genuine.body)).toEqual({
      certificateId: certificateIds.get('genuine'),
      veName: sampleCandidate.name,
      clientCompany: sampleClient.company,
      issuedOn: '2030-04-12',
      status: 'VALID',
    });
    expect(JSON.parse(revoked.body)).toMatchObject({ status: 'REVOKED', revokedOn: '2030-04-12', clientCompany: 'Harbor Legal' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'NOT_FOUND', message: 'We issued no certificate with this id.' } });
  });
});

describe("a client link that does not work", () => {
  const withKey = (link: string, key: string | undefined) => {
    const url = new URL(link);
    if (key === undefined) url.searchParams.delete('key');
    else url.searchParams.set('key', key);
    return url.toString();
  };

  it.each([
    ['a wrong key', (key: string) => `${key.slice(0, -4)}AAAA`],
    ['a key cut short (an email program broke the line)', (key: string) => key.slice(0, 10)],
    ['no key at all', () => undefined],
  ])('shows a friendly 404 page naming Customer Service for %s', async (_what, breakKey) => {
    const broken = breakKey(keyOf(genuineContractLink));
    const links = [
      withKey(genuineContractLink, broken),
      withKey(genuineContractLink.replace('/contract?', '/talk-to-us?'), broken),
      withKey(genuineContractLink.replace('/contract?', '/check-ins/1?').replace('?', '?answer=great&'), broken),
      withKey(genuineContractLink.replace('/contract?', '/phase/II?'), broken),
    ];

    for (const link of links) {
      const page = await get(link, browser);

      expect(page.status, link).toBe(404);
      expectPage(page);
      expect(textOf(page)).toContain('This link does not work');
      expectCustomerServiceReachable(page);
    }
  });

  it('keeps the JSON error for a program', async () => {
    const answer = await get(withKey(genuineContractLink.replace('/contract?', '/phase/II?'), 'short'), program);

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it("says a cancelled placement's link is gone for good, with a 410 and its own words", async () => {
    for (const link of [cancelledContractLink, cancelledContractLink.replace('/contract?', '/reserve?'), cancelledContractLink.replace('/contract?', '/talk-to-us?')]) {
      const page = await get(link, browser);

      expect(page.status, link).toBe(410);
      expectPage(page);
      expect(textOf(page)).toContain('This placement was cancelled');
      expectCustomerServiceReachable(page);
    }
  });
});

describe('the "Talk to us" page', () => {
  it('names the VE and ties its label to the message box, in a form that works without JavaScript', async () => {
    const page = await get(genuineContractLink.replace('/contract?', '/talk-to-us?'), browser);

    expect(page.status).toBe(200);
    expectPage(page);
    expect(textOf(page)).toContain(`about working with ${sampleCandidate.name}`);
    expect(page.body).toMatch(/<form method="post" action="[^"]+\/talk-to-us\?key=[^"]+">/);
    expect(page.body).toContain('<label for="message">Your message</label><textarea id="message" name="message"');
    expect(page.body).not.toContain('<script');
  });
});

describe('the bundled logo', () => {
  it('is an SVG with the agency short name, cacheable for a day', async () => {
    const logo = await get(`${scenario.system.baseUrl}/assets/logo.svg`);

    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(logo.headers['cache-control']).toBe('public, max-age=86400');
    expect(logo.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-label="Virtual Employee Staffing"/);
    expect(logo.body).toContain('>VE Staffing</text>');
    expect(logo.body).not.toMatch(/<script|\son[a-z]+=/i);
  });
});

describe('whatever a browser sends to a public route', () => {
  const pageRoutes = routes.filter((route) => route.auth === 'public' && /^\/(links|certificates)\//.test(route.path));
  const accepts = fc.constantFrom(
    browser.accept,
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'text/html',
    'text/html, application/json;q=0.5',
  );
  // Segments that stay segments: `.` and `..` would take the request to another route (or none, where API Gateway answers itself).
  const segment = fc.oneof(
    fc.string({ minLength: 1, maxLength: 80 }).filter((text) => !/^\.+$/.test(text)).map(encodeURIComponent),
    fc.constantFrom('contract', 'reserve', 'talk-to-us', '1', '0', '-1', 'II', 'III', 'IV', 'Z'.repeat(120), '%00', 'null'),
  );
  /** Random queries, and the genuine placement's own key with a random or missing answer, so what is wrong is the rest. */
  const query = (ownKey: string) =>
    fc.oneof(
      fc.constant(''),
      fc.array(fc.tuple(fc.constantFrom('key', 'answer', 'done', 'event', 'x'), fc.string({ maxLength: 300 })), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.constantFrom('key', 'key=&answer=', 'answer=great', 'done=1&key=x', 'done=2'),
      fc.option(fc.oneof(fc.constantFrom('great', 'good', 'mixed', 'trouble'), fc.string({ maxLength: 20 })), { nil: undefined }).map((answer) =>
        new URLSearchParams({ key: ownKey, ...(answer === undefined ? {} : { answer }) }).toString(),
      ),
    );
  const body = fc.oneof(
    fc.record({ type: fc.constant('application/x-www-form-urlencoded'), text: fc.array(fc.tuple(fc.constantFrom('message', 'answer', 'submission', 'x'), fc.string({ maxLength: 60 })), { maxLength: 3 }).map((pairs) => new URLSearchParams(pairs).toString()) }),
    fc.record({ type: fc.constantFrom('text/plain', 'multipart/form-data; boundary=x', 'application/json'), text: fc.string({ maxLength: 60 }) }),
  );

  it.each(pageRoutes.map((route) => ({ key: `${route.method} ${route.path}`, route })))('$key answers with a page, never JSON, an issue list or a stack trace', async ({ route }) => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // The genuine placement's (or certificate's) id often, so that the key, the body or the placement's status is what is wrong.
          id: fc.oneof({ weight: 3, arbitrary: fc.constant(scenario.genuine.id) }, fc.constant(certificateIds.get('genuine') ?? ''), segment),
          segments: fc.array(fc.oneof(fc.constantFrom('1', 'II', 'talk-to-us'), segment), { minLength: 2, maxLength: 2 }),
          query: query(keyOf(genuineContractLink)),
          accept: accepts,
          body,
        }),
        async ({ id, segments, query: search, accept, body: sent }) => {
          let filled = 0;
          const path = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) => (name === 'id' ? id : (segments[filled++ % 2] ?? 'x')));
          const url = `${scenario.system.baseUrl}${path}${search === '' ? '' : `?${search}`}`;
          const page = await httpRequest(url, {
            method: route.method,
            headers: { accept, ...(route.method === 'POST' ? { 'content-type': sent.type } : {}) },
            ...(route.method === 'POST' ? { body: sent.text } : {}),
          });

          expectPage(page);
          expect(page.status, `${route.method} ${url}`).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});
