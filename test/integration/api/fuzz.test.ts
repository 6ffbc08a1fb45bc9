import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { apiContract } from '../../../functions/http/api-contract';
import { routes, type RouteSpec } from '../../../lib/manifest';
import { httpRequest } from '../../../local/http';
import { startTestSystem, type LocalSystem, type PlainResponse } from '../../support/local-system';
import { newYorkInterview, selectionBody } from '../../support/fixtures';
import { admin, readPlacement, recordSelection, type PlacementSeen } from '../../support/lifecycle';
import { billingEventBody, billingSignature, docusignSignature, unixNow } from '../../support/webhooks';

// Whatever arrives at any route — random or broken bodies, wrong types, megabyte strings, bad JSON,
// wrong content types, odd path ids and query strings, webhooks signed or not — the answer is a 4xx
// in the documented shape, never a 5xx or a stack trace, and nothing in the table changes.

type RouteKey = keyof typeof apiContract;

interface FuzzRequest {
  path: string;
  query?: string;
  headers: Record<string, string>;
  body?: string;
}

let system: LocalSystem;
let placement: PlacementSeen;
let tableBefore: string[];

const runsPerRoute = 40;

async function readWholeTable(): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint: system.endpoints.dynamodb });
  try {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: system.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  // The links are due at 13:00Z: hours of virtual time away, so the lifecycle sleeps through the fuzzing.
  system = await startTestSystem({ now: new Date('2030-04-02T05:00:00Z') });
  const selected = await recordSelection(system, newYorkInterview);
  placement = await readPlacement(system, selected.id); // with its envelope and checkout session
  tableBefore = await readWholeTable();
});

afterAll(async () => {
  await system?.stop();
});

// --- Building blocks ---

const megabyte = 1024 * 1024;
const hugeString = fc.constantFrom('x'.repeat(megabyte), 'é'.repeat(megabyte / 2), '"\\'.repeat(megabyte / 2));
/** Mostly ordinary values, now and then a megabyte. */
const someString = fc.oneof({ weight: 8, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: hugeString });
/** For URLs, which no server takes a megabyte of: long, not huge. */
const someShortString = fc.oneof({ weight: 8, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 2000 }) });
const badJson = fc.oneof(
  fc.constantFrom('{', '{"score": 90,}', "{'reason': 'single quotes'}", '[1, 2', 'nul', '{"a": undefined}', '\u0000', '{}}', 'NaN'),
  fc.string({ maxLength: 60 }).map((text) => `{${text}`),
  hugeString.map((text) => `{"truncated": "${text}`),
);
const anyJson = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
/** A value of another JSON type than `value` has. */
function wrongTypeFor(value: unknown): fc.Arbitrary<unknown> {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const choices: fc.Arbitrary<unknown>[] = [
    ...(value === null ? [] : [fc.constant(null)]),
    ...(typeof value === 'boolean' ? [] : [fc.boolean()]),
    ...(Array.isArray(value) ? [] : [fc.array(fc.integer(), { maxLength: 3 })]),
    ...(isObject ? [] : [fc.object({ maxDepth: 1 })]),
    ...(typeof value === 'number' ? [] : [fc.double(), fc.integer()]),
    ...(typeof value === 'string' ? [] : [someString]),
  ];
  return fc.oneof(...choices);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function withLeaf(value: Json, path: string[], replacement: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return replacement;
  const copy: Record<string, unknown> = { ...value };
  if (rest.length === 0 && replacement === remove) delete copy[key];
  else copy[key] = withLeaf(value[key] ?? null, rest, replacement);
  return copy;
}
/** As a replacement: take the field out. */
const remove = Symbol('remove');

function leafAt(value: Json, path: string[]): Json {
  let current: Json = value;
  for (const key of path) current = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current[key] ?? null) : null;
  return current;
}

/**
 * Bodies that break a valid example: a required field removed, a checked field of the wrong type, a
 * value the schema refuses, or the whole body random, not JSON or not an object. `required` and
 * `checked` name the fields the route's schema insists on (other fields pass through unread).
 */
function brokenBodies(
  valid: Json,
  fields: { required: string[]; checked?: string[] },
  refused: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<string> {
  const required = fields.required.map((field) => field.split('.'));
  const checked = [...fields.required, ...(fields.checked ?? [])].map((field) => field.split('.'));
  return fc.oneof(
    fc.constantFrom(...required).map((path) => JSON.stringify(withLeaf(valid, path, remove))),
    fc.constantFrom(...checked).chain((path) => wrongTypeFor(leafAt(valid, path)).map((wrong) => JSON.stringify(withLeaf(valid, path, wrong)))),
    fc
      .constantFrom(...Object.keys(refused))
      .chain((field) => (refused[field] ?? fc.constant(null)).map((bad) => JSON.stringify(withLeaf(valid, field.split('.'), bad)))),
    badJson,
    anyJson.filter((text) => !text.startsWith('{')),
    fc.constant(''),
  );
}

const contentTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8');
const wrongContentTypes = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/xml');

/** A JSON route's body: broken with a JSON content type, or a valid body with a wrong or missing content type. */
function jsonRouteBodies(valid: Json, fields: { required: string[]; checked?: string[] }, refused: Record<string, fc.Arbitrary<unknown>>) {
  return fc.oneof(
    fc.record({ body: brokenBodies(valid, fields, refused), contentType: contentTypes }),
    fc.record({ body: fc.constant(JSON.stringify(valid)), contentType: fc.option(wrongContentTypes, { nil: undefined }) }),
  );
}

const printable = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=:@%';
/** Path ids: random text encoded, raw characters (stray % included), far too long, or nothing like an id. */
const randomId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.string({ unit: fc.constantFrom(...printable), minLength: 1, maxLength: 80 }),
  fc.integer({ min: 65, max: 400 }).map((length) => 'Z'.repeat(length)),
  fc.constantFrom('..', '%2e%2e', '%00', 'null', 'undefined', '01JZZZZZZZZZZZZZZZZZZZZZZZ', 'PLACEMENT%23x'),
);
/** Query strings: random pairs, raw random text. */
const randomQuery = fc.oneof(
  fc.array(fc.tuple(fc.string({ maxLength: 20 }), someShortString), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: fc.constantFrom(...printable, '?', '/', '='), maxLength: 60 }),
);

/** What a session cookie looks like (32 bytes, base64url), though none of these was ever issued. */
const sessionCookieValue = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 43, maxLength: 43 });

const staffHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(admin) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      {},
      { authorization: 'Bearer' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: `Bearer ${'a'.repeat(5000)}` },
    ),
  },
);

/** Callers without an admin's token: no token, another scheme, a token far too long. */
const notAdminHeaders: fc.Arbitrary<Record<string, string>> = fc.constantFrom<Record<string, string>>(
  {},
  { authorization: 'Bearer' },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: `Bearer ${'a'.repeat(5000)}` },
);

// --- One generator of bad requests per route ---

const exampleSelection = selectionBody(newYorkInterview);

const selectionFields = {
  required: [
    'client',
    'client.name',
    'client.email',
    'client.company',
    'client.timezone',
    'candidate',
    'candidate.name',
    'candidate.email',
    'candidate.phone',
    'interviewAt',
  ],
};
const selectionRefusals = {
  'client.name': fc.oneof(fc.constant('   '), hugeString),
  'client.email': fc.oneof(someString.filter((email) => !email.includes('@')), fc.constant('a@')),
  'client.timezone': fc.oneof(fc.constantFrom('Mars/Olympus_Mons', 'UTC+25', ''), hugeString),
  'candidate.phone': fc.oneof(fc.constantFrom('call me', '12', '+'), hugeString),
  // The last one is a valid instant, but plans the week past the year 9999.
  interviewAt: fc.oneof(someString, fc.constantFrom('2030-04-01', '2030-13-01T10:00:00Z', '1711980000', '9999-12-31T23:59:59Z')),
  selectedAt: fc.constantFrom('tomorrow', '2030-04-01T25:00:00Z', '9999-12-31T23:59:59Z'),
};

const statusValues = ['SELECTED', 'AWAITING_ONBOARDING', 'READY', 'EXAM', 'CANCELLED'];
/** A cursor of the right shape from another listing, or of this listing with a key value DynamoDB refuses (empty). */
const forgedCursor = fc
  .oneof(
    fc.record({ PK: someShortString, SK: someShortString, GSI1PK: someShortString.filter((key) => key !== 'STATUS#SELECTED'), GSI1SK: someShortString }),
    fc
      .record({ PK: someShortString, SK: someShortString, GSI1PK: fc.constant('STATUS#SELECTED'), GSI1SK: someShortString })
      .chain((key) => fc.constantFrom('PK', 'SK', 'GSI1SK').map((emptied) => ({ ...key, [emptied]: '' }))),
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));
/** Listing queries that are wrong by construction: neither or both filters, bad values, bad cursors. */
/** The in-flight listing's cursor (the last id shown), forged: not an id, or too long for one. */
const forgedInFlightCursor = fc
  .oneof(someShortString.filter((id) => !/^[0-9A-Za-z]{1,64}$/.test(id)), fc.constant('A'.repeat(65)))
  .map((olderThan) => Buffer.from(JSON.stringify({ olderThan })).toString('base64url'));
const badListQuery = fc.oneof(
  // Neither status nor week lists those in flight: only a bad limit or cursor makes it wrong.
  fc.oneof(fc.constantFrom('0', '-1', '101', '1.5', 'ten', '', '1e3'), someShortString.filter((limit) => !/^\s*\d+\s*$/.test(limit))).map((limit) =>
    new URLSearchParams({ limit }).toString(),
  ),
  fc.oneof(someShortString, forgedCursor, forgedInFlightCursor).map((nextToken) => new URLSearchParams({ nextToken }).toString()),
  fc.record({ status: fc.constantFrom(...statusValues), week: fc.constant('2030-04-08') }).map((query) => new URLSearchParams(query).toString()),
  someShortString.filter((status) => !statusValues.includes(status)).map((status) => new URLSearchParams({ status }).toString()),
  someShortString.map((week) => new URLSearchParams({ week }).toString()),
  fc.oneof(fc.constantFrom('0', '-1', '101', '1.5', 'ten', '', '1e3'), someShortString.filter((limit) => !/^\s*\d+\s*$/.test(limit))).map((limit) =>
    new URLSearchParams({ status: 'SELECTED', limit }).toString(),
  ),
  fc.oneof(someShortString, forgedCursor).map((nextToken) => new URLSearchParams({ status: 'SELECTED', nextToken }).toString()),
);

const caseStatusValues = ['open', 'acknowledged', 'closed'];
/** Case listing cursors as forged as the placement listing's: another partition, or this one with a key value DynamoDB refuses. */
const forgedCaseCursor = fc
  .oneof(
    fc.record({ PK: someShortString, SK: someShortString, GSI1PK: someShortString.filter((key) => key !== 'CASES#OPEN'), GSI1SK: someShortString }),
    fc
      .record({ PK: someShortString, SK: someShortString, GSI1PK: fc.constant('CASES#OPEN'), GSI1SK: someShortString })
      .chain((key) => fc.constantFrom('PK', 'SK', 'GSI1SK').map((emptied) => ({ ...key, [emptied]: '' }))),
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));
/** Case listing queries wrong by construction: no status, a status that is none of the three, bad limits and cursors. */
const badCaseListQuery = fc.oneof(
  randomQuery.filter((query) => !/(^|&)status=/.test(query)),
  someShortString.filter((status) => !caseStatusValues.includes(status)).map((status) => new URLSearchParams({ status }).toString()),
  fc.oneof(fc.constantFrom('0', '-1', '101', '1.5', 'ten', '', '1e3'), someShortString.filter((limit) => !/^\s*\d+\s*$/.test(limit))).map((limit) =>
    new URLSearchParams({ status: 'open', limit }).toString(),
  ),
  fc.oneof(someShortString, forgedCaseCursor).map((nextToken) => new URLSearchParams({ status: 'open', nextToken }).toString()),
);
const refusedNote = fc.oneof(fc.constantFrom('', '   ', '\n\t'), fc.integer({ min: 4001, max: 6000 }).map((length) => 'n'.repeat(length)), hugeString);
const casePath = (suffix: string) => randomId.map((id) => `/cases/${id}${suffix}`);

function staffJsonRequest(
  path: fc.Arbitrary<string>,
  valid: Json,
  fields: { required: string[]; checked?: string[] },
  refused: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<FuzzRequest> {
  return fc.record({ path, query: fc.option(randomQuery, { nil: undefined }), auth: staffHeaders, body: jsonRouteBodies(valid, fields, refused) }).map(
    ({ path: requestPath, query, auth, body }) => ({
      path: requestPath,
      query,
      headers: { ...auth, ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }) },
      body: body.body,
    }),
  );
}

/** A staff POST that takes no body, sent one anyway now and then (JSON or not). */
function staffActionRequest(path: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ path, query: fc.option(randomQuery, { nil: undefined }), auth: staffHeaders, body: fc.option(fc.oneof(badJson, anyJson), { nil: undefined }) })
    .map(({ path: requestPath, query, auth, body }) => ({ path: requestPath, query, headers: { ...auth, 'content-type': 'application/json' }, body }));
}

const placementPath = (suffix: string, ids: fc.Arbitrary<string>) => ids.map((id) => `/placements/${id}${suffix}`);
/** The real placement (which is SELECTED, so nothing valid can be done to it) or a random id. */
const anyPlacementId = () => fc.oneof(fc.constant(placement.id), randomId);

// DocuSign Connect events about the real envelope, with a valid signature and a malformed body, or any
// body with a bad signature: one that got through would sign the contract.
function docusignRequest(): fc.Arbitrary<FuzzRequest> {
  const example = {
    event: 'envelope-completed',
    generatedDateTime: '2030-04-02T05:00:00.000Z',
    data: { envelopeId: placement.contract?.envelopeId ?? '', envelopeSummary: { status: 'completed' } },
  };
  const broken = brokenBodies(
    example,
    { required: ['event', 'generatedDateTime', 'data', 'data.envelopeId'], checked: ['data.envelopeSummary', 'data.envelopeSummary.status'] },
    {
      event: fc.oneof(fc.constant(''), hugeString),
      generatedDateTime: fc.oneof(someString, fc.constantFrom('2030-04-02', '2030-02-30T10:00:00Z', 'yesterday')),
      'data.envelopeId': fc.oneof(fc.constant(''), fc.integer({ min: 101, max: 5000 }).map((length) => 'e'.repeat(length))),
      'data.envelopeSummary.completedDateTime': fc.oneof(someString, fc.constantFrom('2030-04-02 10:00')),
      data: fc.oneof(fc.constant('envelope'), fc.constant([])),
    },
  );
  return fc.oneof(
    broken.map((body) => ({
      path: '/webhooks/docusign',
      headers: { 'content-type': 'application/json', 'x-docusign-signature-1': docusignSignature(body) },
      body,
    })),
    fc
      .record({
        body: fc.oneof(fc.constant(JSON.stringify(example)), anyJson, broken),
        signature: fc.oneof(
          fc.constant(undefined),
          fc.string({ maxLength: 60 }),
          fc.string({ maxLength: 20 }).map((key) => docusignSignature(JSON.stringify(example), `other-key-${key}`)),
        ),
        header: fc.constantFrom('x-docusign-signature-1', 'x-docusign-signature-2', 'x-docusign-signature', 'x-docusign-signature-one'),
        auth: fc.option(fc.constant(admin), { nil: undefined }),
      })
      .map(({ body, signature, header, auth }) => ({
        path: '/webhooks/docusign',
        headers: { 'content-type': 'application/json', ...auth, ...(signature === undefined ? {} : { [header]: signature }) },
        body,
      })),
  );
}

// Billing events about the real checkout session the same way, plus stale, future and malformed
// Stripe-Signature headers: one that got through would fund the reserve.
function billingRequest(): fc.Arbitrary<FuzzRequest> {
  const example: Json = z.record(z.string(), z.json()).parse(
    JSON.parse(
      billingEventBody({
        id: 'evt_fuzz',
        type: 'checkout.session.completed',
        created: unixNow(),
        sessionId: placement.reserve?.checkoutSessionId ?? '',
        placementId: placement.id,
        paymentStatus: 'paid',
      }),
    ),
  );
  const broken = brokenBodies(
    example,
    {
      required: ['id', 'type', 'created', 'data', 'data.object', 'data.object.id'],
      checked: ['data.object.payment_status'], // client_reference_id may be null
    },
    {
      id: fc.oneof(fc.constant(''), fc.integer({ min: 256, max: 5000 }).map((length) => 'i'.repeat(length))),
      type: fc.oneof(fc.constant(''), hugeString),
      created: fc.oneof(fc.constantFrom(0, -1, 1.5, 1e300), someString), // far-future dates are taken as now (out-of-order.test.ts)
      'data.object.id': fc.oneof(fc.constant(''), hugeString),
      'data.object.client_reference_id': fc.oneof(fc.constant(''), fc.integer({ min: 201, max: 3000 }).map((length) => 'r'.repeat(length))),
      'data.object.payment_status': fc.oneof(hugeString, fc.integer()),
      data: fc.oneof(fc.constant({}), fc.constant({ object: null })),
    },
  );
  const badSignature = (body: string) =>
    fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 80 }),
      fc.integer({ min: 301, max: 10_000_000 }).map((age) => billingSignature(body, unixNow() - age)),
      fc.integer({ min: 301, max: 10_000_000 }).map((ahead) => billingSignature(body, unixNow() + ahead)),
      fc.string({ maxLength: 20 }).map((secret) => billingSignature(body, unixNow(), `whsec_other_${secret}`)),
      fc.constantFrom('t=,v1=', 't=abc,v1=00', `t=${unixNow()}`, 'v1=deadbeef', `t=${unixNow()},v0=00`),
    );
  return fc.oneof(
    broken.map((body) => ({
      path: '/webhooks/billing',
      headers: { 'content-type': 'application/json', 'stripe-signature': billingSignature(body) },
      body,
    })),
    fc
      .oneof(fc.constant(JSON.stringify(example)), anyJson, broken)
      .chain((body) => badSignature(body).map((signature) => ({ body, signature })))
      .map(({ body, signature }) => ({
        path: '/webhooks/billing',
        headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'stripe-signature': signature }) },
        body,
      })),
  );
}

const badRequests: Record<RouteKey, () => fc.Arbitrary<FuzzRequest>> = {
  'POST /placements': () =>
    fc.oneof(
      staffJsonRequest(fc.constant('/placements'), exampleSelection, selectionFields, selectionRefusals),
      // A valid selection with an Idempotency-Key the contract refuses.
      fc.constantFrom('', 'k'.repeat(201), 'k'.repeat(5000)).map((key) => ({
        path: '/placements',
        headers: { ...admin, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(exampleSelection),
      })),
    ),
  // The same body as recording a selection: a broken one is refused as there, a valid one would only be planned (the table is compared after).
  'POST /placements/plan': () => staffJsonRequest(fc.constant('/placements/plan'), exampleSelection, selectionFields, selectionRefusals),
  'GET /placements': () =>
    fc.record({ query: badListQuery, auth: staffHeaders }).map(({ query, auth }) => ({ path: '/placements', query, headers: auth })),
  'GET /placements/{id}': () =>
    fc.record({ id: randomId, query: fc.option(randomQuery, { nil: undefined }), auth: staffHeaders }).map(({ id, query, auth }) => ({
      path: `/placements/${id}`,
      query,
      headers: auth,
    })),
  // Only a random id, or a broken body on the real placement: a valid correction would change it.
  'PATCH /placements/{id}': () => {
    const valid = { client: { name: 'Ana Souza' }, reason: 'Misspelt at the interview.' };
    return staffJsonRequest(
      placementPath('', randomId),
      valid,
      { required: ['client', 'client.name'], checked: ['reason'] }, // without them nothing is left to correct
      {
        'client.name': fc.oneof(fc.constantFrom('', '   ', 'Ana\nSouza', 'A\u202eB', '12345'), hugeString),
        'client.email': fc.oneof(someString.filter((email) => !email.includes('@')), fc.constant('a@')),
        'candidate.phone': fc.oneof(fc.constantFrom('call me', '12', '+'), hugeString),
        client: fc.constantFrom({}, { timezone: 'Europe/Paris' }, { nickname: 'x' }),
        reason: fc.oneof(fc.constantFrom('', '   '), hugeString),
      },
    ).chain((request) =>
      fc.boolean().map((onRealPlacement) => {
        const wouldCorrect = request.body === JSON.stringify(valid) && /json/.test(request.headers['content-type'] ?? '');
        return onRealPlacement && !wouldCorrect ? { ...request, path: `/placements/${placement.id}` } : request;
      }),
    );
  },
  // Any id is unknown (404), or the query is refused (400); the real placement only with a refused query.
  'GET /placements/{id}/history': () =>
    fc
      .record({
        id: anyPlacementId(),
        query: fc.oneof(
          fc.constantFrom('limit=0', 'limit=101', 'limit=ten', 'limit=1.5', 'nextToken=', 'nextToken=not-a-token', `nextToken=${'x'.repeat(3000)}`),
          fc.constant(`nextToken=${Buffer.from(JSON.stringify({ PK: 'PLACEMENT#other', SK: 'x', LSI1SK: 'y' })).toString('base64url')}`),
        ),
        auth: staffHeaders,
      })
      .map(({ id, query, auth }) => ({ path: `/placements/${id}/history`, query, headers: auth })),
  // The real placement has no certificate (409); a missing or empty reason is a 400.
  'POST /placements/{id}/revoke-certificate': () =>
    staffJsonRequest(
      placementPath('/revoke-certificate', anyPlacementId()),
      { reason: 'Issued in error.' },
      { required: ['reason'] },
      { reason: fc.oneof(fc.constantFrom('', '   '), fc.integer({ min: 501, max: 3000 }).map((length) => 'r'.repeat(length)), hugeString) },
    ),
  'POST /placements/{id}/exam-result': () =>
    staffJsonRequest(placementPath('/exam-result', anyPlacementId()), { score: 90, notes: 'Solid answers.' }, { required: ['score'], checked: ['notes'] }, {
      score: fc.oneof(fc.constantFrom(-1, 101, 80.5, 1e308), fc.integer({ min: 101 }), fc.integer({ max: -1 })),
      notes: hugeString,
    }),
  // The real placement's lifecycle is running (409); any other id is unknown (404); other roles 403.
  'POST /placements/{id}/resume': () => staffActionRequest(placementPath('/resume', anyPlacementId())),
  'POST /placements/{id}/resend-links': () => staffActionRequest(placementPath('/resend-links', anyPlacementId())),
  'POST /placements/{id}/cancel': () => {
    const valid = { reason: 'The client hired someone else.' };
    return staffJsonRequest(
      placementPath('/cancel', randomId),
      valid,
      { required: ['reason'] },
      { reason: fc.oneof(fc.constantFrom('', '   ', '\n\t'), fc.integer({ min: 501, max: 3000 }).map((length) => 'r'.repeat(length)), hugeString) },
    ).chain((request) =>
      fc.boolean().map((onRealPlacement) => {
        // The real placement only with a request that cannot cancel it: a broken body or a wrong content type.
        const wouldCancel = request.body === JSON.stringify(valid) && /json/.test(request.headers['content-type'] ?? '');
        return onRealPlacement && !wouldCancel ? { ...request, path: `/placements/${placement.id}/cancel` } : request;
      }),
    );
  },
  'GET /cases': () => fc.record({ query: badCaseListQuery, auth: staffHeaders }).map(({ query, auth }) => ({ path: '/cases', query, headers: auth })),
  // An admin's listing takes no input to get wrong: only callers who may not list are tried (403).
  'GET /staff-tokens': () =>
    fc.record({ query: fc.option(randomQuery, { nil: undefined }), auth: notAdminHeaders }).map(({ query, auth }) => ({ path: '/staff-tokens', query, headers: auth })),
  // Only broken bodies or wrong content types: a valid one would issue a token.
  'POST /staff-tokens': () =>
    staffJsonRequest(fc.constant('/staff-tokens'), { name: 'Ana Proctor', role: 'proctor' }, { required: ['name', 'role'] }, {
      name: fc.oneof(fc.constantFrom('', '   '), fc.integer({ min: 201, max: 3000 }).map((length) => 'n'.repeat(length)), hugeString),
      role: fc.oneof(fc.constantFrom('ADMIN', 'root', ''), someString.filter((role) => !['admin', 'staff', 'proctor', 'mentor'].includes(role))),
    }),
  // Not hex (400) or a hash no token has (404).
  'POST /staff-tokens/{id}/revoke': () =>
    staffActionRequest(fc.oneof(randomId, fc.stringMatching(/^[0-9a-f]{64}$/)).map((id) => `/staff-tokens/${id}/revoke`)),
  // This table holds no case, so whatever the body any id is a 404, or a 400 first for a body the schema refuses.
  // Every field is optional: "required" removes one, which leaves a valid body (and the 404).
  'POST /cases/{id}/acknowledge': () =>
    staffJsonRequest(casePath('/acknowledge'), { note: 'Called the client.', assignTo: 'Ana Mentor' }, { required: ['note', 'assignTo'] }, {
      note: refusedNote,
      assignTo: fc.oneof(fc.constantFrom('', '   ', 'Ana\nMentor', '\u0000'), fc.integer({ min: 201, max: 3000 }).map((length) => 'a'.repeat(length))),
      extra: fc.constant('not a field of this body'),
    }),
  'POST /cases/{id}/close': () =>
    staffJsonRequest(casePath('/close'), { note: 'Resolved on the call.', noteToClient: 'Glad it works now.' }, { required: ['note', 'noteToClient'] }, {
      note: refusedNote,
      noteToClient: refusedNote,
      extra: fc.constant('not a field of this body'),
    }),
  // Without the placement's key nobody opens a case; a missing or malformed message is a 400.
  'POST /links/{id}/talk-to-us': () =>
    fc
      .record({
        id: randomId,
        key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
        body: fc.oneof(fc.json(), fc.string({ maxLength: 5000 }), fc.constant('{"message": ""}'), fc.constant('message=')),
      })
      .map(({ id, key, contentType, body }) => ({
        path: `/links/${id}/talk-to-us`,
        ...(key === undefined ? {} : { query: new URLSearchParams({ key }).toString() }),
        headers: contentType === '' ? ({} as Record<string, string>) : { 'content-type': contentType },
        body,
      })),
  // The real placement is not active (409); a bad phase or a broken body is a 400.
  'POST /placements/{id}/phase': () =>
    staffJsonRequest(placementPath('/phase', anyPlacementId()), { phase: 'II', note: 'Ready for more.' }, { required: ['phase'], checked: ['note'] }, {
      phase: fc.oneof(fc.constantFrom('IV', 'i', 2, '', null), someString),
      note: fc.oneof(fc.constantFrom('', '   '), hugeString),
    }),
  // Without the placement's key no answer is recorded; a check-in number or answer that is no such thing is a 400.
  'GET /links/{id}/check-ins/{number}': () =>
    fc
      .record({
        id: anyPlacementId(),
        number: fc.oneof(fc.constantFrom('1', '0', '-1', '1.5', 'one', '99999'), fc.string({ minLength: 1, maxLength: 20 })),
        answer: fc.oneof(fc.constantFrom('good', 'trouble', 'GOOD', ''), fc.string({ maxLength: 40 })),
        key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
      })
      .map(({ id, number, answer, key }) => ({
        path: `/links/${id}/check-ins/${encodeURIComponent(number)}`,
        query: new URLSearchParams({ answer, ...(key === undefined ? {} : { key }) }).toString(),
        headers: {},
      })),
  'POST /links/{id}/check-ins/{number}': () =>
    fc
      .record({
        id: anyPlacementId(),
        key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
        body: fc.oneof(fc.json(), fc.string({ maxLength: 5000 }), fc.constant('{"answer": "fine"}'), fc.constant('answer=good')),
      })
      .map(({ id, key, contentType, body }) => ({
        path: `/links/${id}/check-ins/1`,
        ...(key === undefined ? {} : { query: new URLSearchParams({ key }).toString() }),
        headers: contentType === '' ? ({} as Record<string, string>) : { 'content-type': contentType },
        body,
      })),
  'GET /links/{id}/phase/{phase}': () =>
    fc
      .record({ id: anyPlacementId(), phase: fc.oneof(fc.constantFrom('II', 'III', 'I', 'IV'), fc.string({ minLength: 1, maxLength: 20 })), key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }) })
      .map(({ id, phase, key }) => ({
        path: `/links/${id}/phase/${encodeURIComponent(phase)}`,
        ...(key === undefined ? {} : { query: new URLSearchParams({ key }).toString() }),
        headers: { accept: 'application/json' },
      })),
  'POST /links/{id}/phase/{phase}': () =>
    fc
      .record({ id: anyPlacementId(), phase: fc.oneof(fc.constantFrom('II', 'III', 'I', 'IV'), fc.string({ minLength: 1, maxLength: 20 })), key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }) })
      .map(({ id, phase, key }) => ({
        path: `/links/${id}/phase/${encodeURIComponent(phase)}`,
        ...(key === undefined ? {} : { query: new URLSearchParams({ key }).toString() }),
        headers: { accept: 'application/json' },
        body: '',
      })),
  // Without this placement's key (which nobody can guess) a link leads nowhere; a wrong document is a 400.
  'GET /links/{id}/{document}': () =>
    fc
      .record({
        id: randomId,
        document: fc.oneof(fc.constantFrom('contract', 'reserve'), fc.string({ minLength: 1, maxLength: 40 })),
        key: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
      })
      .map(({ id, document, key }) => ({
        path: `/links/${id}/${encodeURIComponent(document)}`,
        ...(key === undefined ? {} : { query: new URLSearchParams({ key }).toString() }),
        headers: {},
      })),
  'GET /certificates/{id}': () =>
    fc.record({ id: randomId, query: fc.option(randomQuery, { nil: undefined }) }).map(({ id, query }) => ({
      path: `/certificates/${id}`,
      query,
      // A program's request; a browser's gets pages (test/integration/api/pages.test.ts).
      headers: { accept: 'application/json' },
    })),
  // No input to get wrong: whatever the query or headers, it is the document.
  'GET /openapi.json': () =>
    fc.record({ query: randomQuery, auth: staffHeaders }).map(({ query, auth }) => ({ path: '/openapi.json', query, headers: auth })),
  'GET /assets/logo.svg': () =>
    fc.record({ query: randomQuery, auth: staffHeaders }).map(({ query, auth }) => ({ path: '/assets/logo.svg', query, headers: auth })),
  // The page takes no input: whatever the query or headers, it is the page.
  'GET /console': () =>
    fc.record({ query: randomQuery, auth: staffHeaders }).map(({ query, auth }) => ({ path: '/console', query, headers: auth })),
  // Only the bundle's own file names exist; anything else is a 404 (or a 400 past the length limit).
  'GET /console/assets/{file}': () =>
    fc.record({ file: fc.string({ minLength: 1, maxLength: 300 }), query: fc.option(randomQuery, { nil: undefined }) }).map(({ file, query }) => ({
      path: `/console/assets/${encodeURIComponent(file)}`,
      query,
      headers: {},
    })),
  // Never a token we issued, so no session is opened: a broken body is a 400, any other token a 401.
  'POST /console/session': () =>
    fc
      .oneof(
        jsonRouteBodies({ token: 'vec_nobodyHasThisToken0000000000000000000000000' }, { required: ['token'] }, { token: fc.oneof(fc.constantFrom('', '   '), hugeString) }),
        fc.record({ body: someString.map((token) => JSON.stringify({ token })), contentType: contentTypes }),
      )
      .map(({ body, contentType }): FuzzRequest => ({ path: '/console/session', headers: contentType === undefined ? {} : { 'content-type': contentType }, body })),
  // A cookie that is no live session (or not one at all), whatever its shape: 401.
  'GET /console/session': () =>
    fc
      .oneof(sessionCookieValue, fc.string({ unit: fc.constantFrom(...printable, ' '), maxLength: 200 }))
      .map((value) => ({ path: '/console/session', headers: { cookie: `vec_session=${value}` } })),
  // A session cookie without the console's header: refused before anything is ended.
  'DELETE /console/session': () =>
    fc
      .record({ session: sessionCookieValue, requestedWith: fc.option(fc.string({ unit: fc.constantFrom(...printable), maxLength: 20 }).filter((value) => value !== 'console'), { nil: undefined }) })
      .map(({ session, requestedWith }) => ({
        path: '/console/session',
        headers: { cookie: `vec_session=${session}`, ...(requestedWith === undefined ? {} : { 'x-requested-with': requestedWith }) },
      })),
  // The viewer's page takes no input; its files are only those of the bundle, anything else a 404 (or a 400 past the length limit).
  'GET /docs': () => fc.record({ query: randomQuery, auth: staffHeaders }).map(({ query, auth }) => ({ path: '/docs', query, headers: auth })),
  'GET /docs/assets/{file}': () =>
    fc.record({ file: fc.string({ minLength: 1, maxLength: 300 }), query: fc.option(randomQuery, { nil: undefined }) }).map(({ file, query }) => ({
      path: `/docs/assets/${encodeURIComponent(file)}`,
      query,
      headers: {},
    })),
  'POST /webhooks/docusign': docusignRequest,
  'POST /webhooks/billing': billingRequest,
};

/** Requests that once got a 5xx or no answer at all: tried first on every run. */
const hardCases: Partial<Record<RouteKey, () => FuzzRequest[]>> = {
  'POST /placements': () =>
    [{ interviewAt: '9999-12-31T23:59:59Z' }, { selectedAt: '9999-12-31T23:59:59Z' }].map((dates) => ({
      path: '/placements',
      headers: { ...admin, 'content-type': 'application/json', 'idempotency-key': `far-future-${Object.keys(dates).join()}` },
      body: JSON.stringify({ ...exampleSelection, ...dates }),
    })),
  'POST /placements/plan': () =>
    [{ interviewAt: '9999-12-31T23:59:59Z' }, { selectedAt: '9999-12-31T23:59:59Z' }].map((dates) => ({
      path: '/placements/plan',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ ...exampleSelection, ...dates }),
    })),
  'GET /placements': () => [
    {
      path: '/placements',
      query: new URLSearchParams({
        status: 'SELECTED',
        nextToken: Buffer.from(JSON.stringify({ PK: '', SK: '', GSI1PK: 'STATUS#SELECTED', GSI1SK: '' })).toString('base64url'),
      }).toString(),
      headers: admin,
    },
  ],
  'GET /placements/{id}': () => [{ path: '/placements/%E0%A4%A', headers: admin }],
  'POST /placements/{id}/cancel': () => [
    { path: '/placements/%zz/cancel', headers: { ...admin, 'content-type': 'application/json' }, body: '{"reason": "x"}' },
  ],
  'GET /certificates/{id}': () => [{ path: '/certificates/%', headers: {} }],
};

// --- What every answer must be ---

const errorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.string().min(1), message: z.string().min(1), details: z.unknown().optional() }),
});
/** What API Gateway itself answers before any handler runs (no route, no or refused token). */
const gatewayAnswers = new Map([
  [400, 'Bad Request'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'Not Found'],
]);
const gatewayBodySchema = z.strictObject({ message: z.string() });

function send(route: RouteSpec, request: FuzzRequest): Promise<PlainResponse> {
  const url = `${system.baseUrl}${request.path}${request.query === undefined ? '' : `?${request.query}`}`;
  return httpRequest(url, {
    method: route.method,
    headers: request.headers,
    ...(request.body === undefined || route.method === 'GET' ? {} : { body: request.body }),
  });
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` body(${request.body.length}): ${request.body.slice(0, 600)}`;
  return `${request.path}?${(request.query ?? '').slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)}${body}`;
}

/** Counterexamples print as a line, megabyte strings cut short. */
function compactlyPrinted(request: FuzzRequest): FuzzRequest {
  return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
}

function assessRefusal(request: FuzzRequest, response: PlainResponse): void {
  const context = `${describeRequest(request)}\n→ ${response.status} ${response.body.slice(0, 500)}`;
  expect(response.status, context).toBeGreaterThanOrEqual(400);
  expect(response.status, context).toBeLessThan(500);
  expect(response.body, context).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  const body: unknown = JSON.parse(response.body);
  const gateway = gatewayBodySchema.safeParse(body);
  if (gateway.success) {
    expect(gateway.data.message, context).toBe(gatewayAnswers.get(response.status));
    return;
  }
  expect(errorBodySchema.safeParse(body).success, context).toBe(true);
  expect(response.headers['content-type'], context).toMatch(/^application\/json/);
}

describe.each(routes.map((route) => ({ key: `${route.method} ${route.path}` as RouteKey, route })))('$key', ({ key, route }) => {
  const refusesAll = key !== 'GET /openapi.json' && key !== 'GET /console' && key !== 'GET /assets/logo.svg' && key !== 'GET /docs';
  it(refusesAll ? 'answers malformed requests with a 4xx in the documented shape' : 'serves the document whatever the query or headers', async () => {
    await fc.assert(
      fc.asyncProperty(badRequests[key]().map(compactlyPrinted), async (request) => {
        const response = await send(route, request);

        if (refusesAll) assessRefusal(request, response);
        else expect(response.status, describeRequest(request)).toBe(200);
      }),
      { numRuns: runsPerRoute, examples: (hardCases[key]?.() ?? []).map((request) => [compactlyPrinted(request)]) },
    );
  });
});

describe('after all of it', () => {
  it('left every item of the table as it was', async () => {
    await system.clock.waitForIdle();

    expect(await readWholeTable()).toEqual(tableBefore);
  });
});
