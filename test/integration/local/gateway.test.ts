import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, json, post, postJson, startTestSystem, type LocalSystem } from '../../support/local-system';

// The gateway builds API Gateway payload-format-2.0 events for the manifest's routes. Some handlers
// are replaced by fixtures that show what they received.

let system: LocalSystem;
const authorizerEvents: unknown[] = [];
const received: unknown[] = [];

function echo(event: unknown) {
  received.push(event);
  return { statusCode: 418, headers: { 'x-echo': 'yes', 'content-type': 'application/json' }, body: JSON.stringify({ event }) };
}

function lastEvent(): Record<string, unknown> {
  return received.at(-1) as Record<string, unknown>;
}

beforeAll(async () => {
  system = await startTestSystem({
    functions: {
      staffAuthorizer: (event) => {
        authorizerEvents.push(event);
        const authorization = (event as { headers?: Record<string, string> }).headers?.authorization;
        return authorization === 'Bearer good' ? { isAuthorized: true, context: { role: 'admin', tokenName: 'fixture' } } : { isAuthorized: false };
      },
      getPlacement: echo,
      createPlacement: echo,
      docusignWebhook: echo,
      listPlacements: () => ({ items: [], plain: true }),
      cancelPlacement: () => {
        throw new Error('boom');
      },
    },
  });
});

afterAll(async () => {
  await system?.stop();
});

describe('events for the handlers', () => {
  it('passes path parameters, the query string, lower-cased headers and the authorizer context', async () => {
    const response = await get(`${system.baseUrl}/placements/pl%201?x=1&x=2&y=z`, { Authorization: 'Bearer good', 'X-Custom-Header': 'Value' });

    expect(response.status).toBe(418);
    expect(lastEvent()).toMatchObject({
      version: '2.0',
      routeKey: 'GET /placements/{id}',
      rawPath: '/placements/pl%201',
      rawQueryString: 'x=1&x=2&y=z',
      pathParameters: { id: 'pl 1' },
      queryStringParameters: { x: '1,2', y: 'z' },
      headers: { authorization: 'Bearer good', 'x-custom-header': 'Value' },
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/placements/pl%201' },
        routeKey: 'GET /placements/{id}',
        stage: '$default',
        authorizer: { lambda: { role: 'admin', tokenName: 'fixture' } },
      },
    });
    expect(lastEvent().body).toBeUndefined();
  });

  it('passes a text body raw, not base64-encoded', async () => {
    const body = '{"client": {"name": "Dana"}, "note": "kept byte for byte"}';

    await post(`${system.baseUrl}/placements`, body, { 'content-type': 'application/json', authorization: 'Bearer good' });

    expect(lastEvent()).toMatchObject({ routeKey: 'POST /placements', body, isBase64Encoded: false });
  });

  it('gives the authorizer the request headers (no identity source, as the stack configures it), with the route key', async () => {
    await get(`${system.baseUrl}/placements/abc`, { authorization: 'Bearer good' });

    expect(authorizerEvents.at(-1)).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      identitySource: [],
      headers: expect.objectContaining({ authorization: 'Bearer good' }),
      routeKey: 'GET /placements/{id}',
      pathParameters: { id: 'abc' },
    });
  });

  it('returns the handler response unchanged', async () => {
    const response = await get(`${system.baseUrl}/placements/abc`, { authorization: 'Bearer good' });

    expect(response.status).toBe(418);
    expect(response.headers['x-echo']).toBe('yes');
    expect(json(response)).toMatchObject({ event: { pathParameters: { id: 'abc' } } });
  });

  it('answers a result without statusCode as JSON with 200, as format 2.0 does', async () => {
    const response = await get(`${system.baseUrl}/placements`, { authorization: 'Bearer good' });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(json(response)).toEqual({ items: [], plain: true });
  });
});

describe('what API Gateway answers itself', () => {
  it('calls the authorizer even without an Authorization header (a session cookie may stand for it), with the cookies', async () => {
    const before = authorizerEvents.length;

    const response = await get(`${system.baseUrl}/placements/abc`, { cookie: 'vec_session=abc; theme=dark' });

    expect(response.status).toBe(403);
    expect(json(response)).toEqual({ message: 'Forbidden' });
    expect(authorizerEvents).toHaveLength(before + 1);
    expect(authorizerEvents.at(-1)).toMatchObject({ identitySource: [], cookies: ['vec_session=abc', 'theme=dark'] });
  });

  it('403 when the authorizer denies', async () => {
    const response = await get(`${system.baseUrl}/placements/abc`, { authorization: 'Bearer wrong' });

    expect(response.status).toBe(403);
    expect(json(response)).toEqual({ message: 'Forbidden' });
  });

  it('no authorizer on webhook routes', async () => {
    const before = authorizerEvents.length;

    const response = await postJson(`${system.baseUrl}/webhooks/docusign`, { event: 'envelope-completed' });

    expect(response.status).toBe(418);
    expect(authorizerEvents).toHaveLength(before);
  });

  it('500 with no detail when a handler throws', async () => {
    const response = await postJson(`${system.baseUrl}/placements/abc/cancel`, { reason: 'test' }, { authorization: 'Bearer good' });

    expect(response.status).toBe(500);
    expect(json(response)).toEqual({ message: 'Internal Server Error' });
  });

  it('404 for a path or method no route has', async () => {
    expect((await get(`${system.baseUrl}/nowhere`)).status).toBe(404);
    const wrongMethod = await post(`${system.baseUrl}/openapi.json`, '');
    expect(wrongMethod.status).toBe(404);
    expect(json(wrongMethod)).toEqual({ message: 'Not Found' });
  });
});
