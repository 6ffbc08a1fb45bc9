import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldingServer, httpRequest, listen, localUrl, maxBodyBytes, type PlainResponse } from '../../../local/http';
import { startLocalSystem, type LocalSystem } from '../../../local/system';
import { get, json, post, postJson } from '../../support/local-system';

// The local servers as a script or a browser page meets them: a request during start-up is
// answered, the control API is for JSON from this machine only, and no server takes a body over
// API Gateway's 10 MB.

const start = new Date('2030-03-04T12:00:00.000Z');
// Captured before the system fakes the timers: polling for the port paces itself in real time.
const realSetTimeout = globalThis.setTimeout;
const placementsCreated: unknown[] = [];
let system: LocalSystem;
let basePort = 0;
let started = false;
type Part = 'controlApi' | 'gateway' | 'stepFunctions' | 'sandbox';
let answersDuringStart: Promise<Record<Part, Answer>>;

interface Answer {
  /** The connection was accepted before startLocalSystem had resolved. */
  connectedWhileStarting: boolean;
  answeredAfterStart: boolean;
  response: PlainResponse;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A base port whose next four are free too: the test must know the gateway's port before start resolves. */
async function freeBasePort(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await Promise.all([0, 1, 2, 3, 4].map((offset) => isFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
}

/** One request on a fresh connection, retried while the port is not listening yet. */
async function requestWhileStarting(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  for (;;) {
    try {
      return await new Promise<Answer>((resolve, reject) => {
        let connectedWhileStarting = false;
        const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              connectedWhileStarting,
              answeredAfterStart: started,
              response: { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') },
            }),
          );
        });
        request.on('socket', (socket) => socket.once('connect', () => (connectedWhileStarting = !started)));
        request.on('error', reject);
        request.end(options.method === 'POST' ? '{}' : undefined);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || started) throw error;
      await new Promise((resolve) => realSetTimeout(resolve, 5));
    }
  }
}

beforeAll(async () => {
  basePort = await freeBasePort();
  const starting = startLocalSystem({
    port: basePort,
    memory: true,
    scheduler: false,
    now: start,
    functions: {
      createPlacement: (event) => {
        placementsCreated.push(event);
        return { statusCode: 201, body: '{}' };
      },
    },
  });
  const answers: Record<Part, Promise<Answer>> = {
    controlApi: requestWhileStarting(`${localUrl(basePort)}/_local/clock`),
    gateway: requestWhileStarting(`${localUrl(basePort)}/openapi.json`),
    stepFunctions: requestWhileStarting(localUrl(basePort + 3), {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' },
    }),
    sandbox: requestWhileStarting(`${localUrl(basePort + 4)}/billing`),
  };
  system = await starting;
  started = true;
  // Awaited in the test itself: a request left unanswered fails that test, not the whole file.
  answersDuringStart = (async () => ({
    controlApi: await answers.controlApi,
    gateway: await answers.gateway,
    stepFunctions: await answers.stepFunctions,
    sandbox: await answers.sandbox,
  }))();
  answersDuringStart.catch(() => undefined);
});

afterAll(async () => {
  await system?.stop();
});

describe('a request that arrives while npm start is starting', () => {
  it('is answered once its part is wired, and the control API answers once the whole system has started', async () => {
    const answers = await answersDuringStart;

    for (const [part, answer] of Object.entries(answers)) {
      expect({ part, connectedWhileStarting: answer.connectedWhileStarting, status: answer.response.status }).toEqual({ part, connectedWhileStarting: true, status: 200 });
    }
    expect(answers.controlApi.answeredAfterStart).toBe(true);
    expect(json(answers.controlApi.response)).toEqual({ now: expect.any(String) });
  });

  it('gets 503 with Retry-After and a JSON error when the system stops before it is wired', async () => {
    const holding = new HoldingServer();
    const url = localUrl(await listen(holding.server, 0, 'test'));
    holding.server.once('request', () => void holding.close());

    const response = await httpRequest(`${url}/anything`);

    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(json(response)).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
  });
});

describe('the control API', () => {
  const clockUrl = () => `${system.baseUrl}/_local/clock`;
  const now = async () => new Date(String((json(await get(clockUrl())) as { now: string }).now)).getTime();
  const oneDay = 24 * 60 * 60 * 1000;

  it('refuses a body that is not JSON with 415, and the clock does not move', async () => {
    const before = await now();
    const body = JSON.stringify({ advanceBy: 'P30D' });

    const responses = await Promise.all([
      post(clockUrl(), body, { 'content-type': 'text/plain' }),
      post(clockUrl(), 'advanceBy=P30D', { 'content-type': 'application/x-www-form-urlencoded' }),
      post(clockUrl(), body, { 'content-type': 'multipart/form-data; boundary=x' }),
      post(clockUrl(), body),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(415);
      expect(json(response)).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
    }
    expect((await now()) - before).toBeLessThan(oneDay);
  });

  it('takes JSON with a charset', async () => {
    const response = await post(clockUrl(), JSON.stringify({ advanceBy: 'PT1M' }), { 'content-type': 'application/json; charset=utf-8' });

    expect(response.status).toBe(200);
  });

  it('refuses a Host that is not this machine with 403, reading or moving nothing', async () => {
    const before = await now();

    const responses = await Promise.all([
      get(`${system.baseUrl}/_local/emails`, { host: 'evil.example' }),
      get(`${system.baseUrl}/_local/endpoints`, { host: `evil.example:${basePort}` }),
      get(`${system.baseUrl}/_local/emails`, { host: 'localhost.evil.example' }),
      postJson(clockUrl(), { advanceBy: 'P30D' }, { host: 'evil.example' }),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(json(response)).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    expect((await now()) - before).toBeLessThan(oneDay);
  });

  it('answers localhost, 127.0.0.1 and [::1], with or without a port', async () => {
    const hosts = ['localhost', `localhost:${basePort}`, '127.0.0.1', `127.0.0.1:${basePort}`, '[::1]', `[::1]:${basePort}`, 'LOCALHOST'];

    const statuses = await Promise.all(hosts.map(async (host) => (await get(clockUrl(), { host })).status));

    expect(statuses).toEqual(hosts.map(() => 200));
  });
});

describe('a body over 10 MB', () => {
  const tooLarge = 'x'.repeat(maxBodyBytes + 1024 * 1024);

  /** The body in 1 MB chunks with no Content-Length: the server finds out only by reading. */
  function postChunked(url: string, body: string, headers: Record<string, string>): Promise<PlainResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      request.on('error', reject);
      for (let offset = 0; offset < body.length; offset += 1024 * 1024) request.write(body.slice(offset, offset + 1024 * 1024));
      request.end();
    });
  }

  it('is refused by the gateway with 413, as API Gateway does, before any handler runs', async () => {
    const headers = { 'content-type': 'application/json', authorization: 'Bearer local-admin-token' };
    placementsCreated.length = 0;

    const declared = await post(`${system.baseUrl}/placements`, tooLarge, headers);
    const streamed = await postChunked(`${system.baseUrl}/placements`, tooLarge, headers);

    for (const response of [declared, streamed]) {
      expect(response.status).toBe(413);
      expect(json(response)).toEqual({ message: 'Request Entity Too Large' });
    }
    expect(placementsCreated).toEqual([]);
  });

  it('is not a body of exactly 10 MB, which reaches the handler', async () => {
    placementsCreated.length = 0;

    const response = await post(`${system.baseUrl}/placements`, 'x'.repeat(maxBodyBytes), {
      'content-type': 'application/json',
      authorization: 'Bearer local-admin-token',
    });

    expect(response.status).toBe(201);
    expect(placementsCreated).toHaveLength(1);
  });

  it('is refused with 413 and a JSON error by the control API, the sandboxes and the Step Functions service', async () => {
    const responses = {
      control: await postChunked(`${system.baseUrl}/_local/clock`, tooLarge, { 'content-type': 'application/json' }),
      docusign: await post(`${system.endpoints.sandbox.docusign}/oauth/token`, tooLarge, { 'content-type': 'application/x-www-form-urlencoded' }),
      billing: await postChunked(`${system.endpoints.sandbox.billing}/v1/checkout/sessions`, tooLarge, { 'content-type': 'application/x-www-form-urlencoded' }),
      stepFunctions: await post(system.endpoints.stepfunctions, tooLarge, { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' }),
    };

    for (const response of [responses.control, responses.docusign, responses.billing]) {
      expect(response.status).toBe(413);
      expect(json(response)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } });
    }
    expect(responses.stepFunctions.status).toBe(413);
    expect(json(responses.stepFunctions)).toEqual({ __type: 'RequestEntityTooLargeException', message: expect.any(String) });
  });
});
