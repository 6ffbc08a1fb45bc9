import type { APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { signIn, signOut } from '../../../functions/application/staff-sessions';
import { hashToken, issueStaffToken, revokeStaffToken } from '../../../functions/application/staff-tokens';
import { lambdaContext } from '../../support/fixtures';
import { useInMemoryTable } from '../../support/table';

const table = useInMemoryTable('staff-authorizer-test');
let authorize: (event: unknown, context: Context) => Promise<unknown>;

const simpleResponseSchema = z.strictObject({
  isAuthorized: z.boolean(),
  context: z.strictObject({ name: z.string(), role: z.string() }).optional(),
});

const context = lambdaContext('staffAuthorizer');

/** An HTTP API payload 2.0 REQUEST authorizer event with the identity source `$request.header.Authorization`. */
function authorizerEvent(authorization: string | undefined): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:us-east-1:000000000000:api/$default/GET/placements',
    identitySource: authorization === undefined ? [] : [authorization],
    routeKey: 'GET /placements',
    rawPath: '/placements',
    rawQueryString: '',
    cookies: [],
    headers: authorization === undefined ? {} : { authorization },
    queryStringParameters: {},
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: 'GET', path: '/placements', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request',
      routeKey: 'GET /placements',
      stage: '$default',
      time: '02/Mar/2026:15:00:00 +0000',
      timeEpoch: 1772463600000,
    },
    pathParameters: {},
    stageVariables: {},
  };
}

async function invoke(event: unknown) {
  return simpleResponseSchema.parse(await authorize(event, context));
}

beforeAll(async () => {
  // The handler's wiring reads these once, when the module loads.
  vi.stubEnv('TABLE_NAME', table.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  ({ handler: authorize } = await import('../../../functions/handlers/staff-authorizer'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
});

describe('staff authorizer', () => {
  it('authorizes a valid token and passes on the name and role', async () => {
    // Prepare
    const { token } = await issueStaffToken(table.repository, { name: 'Ana', role: 'proctor' }, new Date('2026-03-02T15:00:00Z'));

    // Act
    const result = await invoke(authorizerEvent(`Bearer ${token}`));

    // Assess
    expect(result).toEqual({ isAuthorized: true, context: { name: 'Ana', role: 'proctor' } });
  });

  it('reads the identity source when the header map lacks it', async () => {
    // Prepare
    const { token } = await issueStaffToken(table.repository, { name: 'Ben', role: 'mentor' }, new Date('2026-03-02T15:00:00Z'));
    const event = { ...authorizerEvent(`Bearer ${token}`), headers: {} };

    // Act
    const result = await invoke(event);

    // Assess
    expect(result).toEqual({ isAuthorized: true, context: { name: 'Ben', role: 'mentor' } });
  });

  it('refuses a revoked token', async () => {
    // Prepare
    const { token } = await issueStaffToken(table.repository, { name: 'Cy', role: 'admin' }, new Date('2026-03-02T15:00:00Z'));
    await revokeStaffToken(table.repository, hashToken(token), new Date('2026-03-02T16:00:00Z'));

    // Act
    const result = await invoke(authorizerEvent(`Bearer ${token}`));

    // Assess
    expect(result).toEqual({ isAuthorized: false });
  });

  it.each([
    ['no header', undefined],
    ['an unknown token', `Bearer vec_${'B'.repeat(43)}`],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed bearer header', 'Bearer'],
  ])('refuses %s', async (_what, authorization) => {
    // Act
    const result = await invoke(authorizerEvent(authorization));

    // Assess
    expect(result).toEqual({ isAuthorized: false });
  });

  it('refuses an event that is not a REQUEST authorizer event', async () => {
    // Act
    const result = await invoke({ type: 'TOKEN', authorizationToken: 'Bearer x' });

    // Assess
    expect(result).toEqual({ isAuthorized: false });
  });

  it('never writes the token or its hash to the log', async () => {
    // Prepare
    const { token } = await issueStaffToken(table.repository, { name: 'Di', role: 'staff' }, new Date('2026-03-02T15:00:00Z'));
    // Every line the function writes, at every level, as the log would hold it.
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'DEBUG';

    let log: string;

    // Act
    try {
      await invoke(authorizerEvent(`Bearer ${token}`));
      await invoke(authorizerEvent(`Bearer ${token}x`));
      log = written.join('');
    } finally {
      if (level === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = level;
      spies.forEach((spy) => spy.mockRestore());
    }

    // Assess
    expect(log).toContain('staff bearer token refused');
    expect(log).not.toContain(token);
    expect(log).not.toContain(hashToken(token));
    expect(log).not.toContain(hashToken(token).slice(0, 12));
  });
});

describe('staff authorizer with a console session', () => {
  const signedInAt = new Date('2026-03-02T15:00:00Z');

  /** The request a signed-in console sends: the session in payload 2.0's `cookies`, no Authorization header. */
  function withSession(session: string, method: string, headers: Record<string, string> = {}): APIGatewayRequestAuthorizerEventV2 {
    const event = authorizerEvent(undefined);
    return { ...event, cookies: ['theme=dark', `vec_session=${session}`], headers, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method } } };
  }

  async function sessionFor(name: string, role: 'admin' | 'staff' | 'proctor' | 'mentor') {
    const { token } = await issueStaffToken(table.repository, { name, role }, signedInAt);
    // Signed in now, so that the 8 hours run from the real clock the authorizer reads.
    const { session } = await signIn(table.repository, token, new Date());
    return { token, session };
  }

  it('lets a read through with the cookie alone, as the same person and role a token gives', async () => {
    // Prepare
    const { session } = await sessionFor('Eli', 'proctor');

    // Act
    const result = await invoke(withSession(session, 'GET'));

    // Assess
    expect(result).toEqual({ isAuthorized: true, context: { name: 'Eli', role: 'proctor' } });
  });

  it("refuses a change without the console's header, and lets it through with it", async () => {
    // Prepare
    const { session } = await sessionFor('Flo', 'staff');

    // Act
    const without = await invoke(withSession(session, 'POST'));
    const withHeader = await invoke(withSession(session, 'PATCH', { 'x-requested-with': 'console' }));

    // Assess
    expect(without).toEqual({ isAuthorized: false });
    expect(withHeader).toEqual({ isAuthorized: true, context: { name: 'Flo', role: 'staff' } });
  });

  it('refuses an ended session, a session whose token was revoked, and one never opened', async () => {
    // Prepare
    const ended = await sessionFor('Gil', 'staff');
    await signOut(table.repository, ended.session, new Date());
    const revoked = await sessionFor('Hana', 'admin');
    await revokeStaffToken(table.repository, hashToken(revoked.token), new Date());

    // Act
    const results = await Promise.all([ended.session, revoked.session, 'N'.repeat(43)].map((session) => invoke(withSession(session, 'GET'))));

    // Assess
    expect(results).toEqual([{ isAuthorized: false }, { isAuthorized: false }, { isAuthorized: false }]);
  });

  it('refuses an expired session', async () => {
    // Prepare: opened more than 8 hours ago
    const { token } = await issueStaffToken(table.repository, { name: 'Ivo', role: 'staff' }, signedInAt);
    const { session } = await signIn(table.repository, token, new Date(Date.now() - 8 * 3600 * 1000 - 1000));

    // Act
    const result = await invoke(withSession(session, 'GET'));

    // Assess
    expect(result).toEqual({ isAuthorized: false });
  });
});
