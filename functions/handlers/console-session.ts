import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { resolveSession, signIn, signOut, type LiveSession } from '../application/staff-sessions';
import { Forbidden, NotFound, Unauthorized } from '../domain/errors';
import {
  clearedSessionCookie,
  consoleRequestHeader,
  cookiesMustBeSecure,
  sessionCookie,
  sessionFromCookies,
  sessionLifetimeSeconds,
} from '../domain/staff-sessions';
import { consoleSessionRoutes } from '../http/staff-credentials-contract';
import { httpHandler } from '../http/http-handler';
import { jsonBody, requestHeader } from '../http/request';
import { json, withSecurityHeaders } from '../http/respond';
import { readEnvironment } from '../wiring/environment';
import { staffCredentials } from '../wiring/staff-credentials';

const { PUBLIC_BASE_URL } = readEnvironment(z.object({ PUBLIC_BASE_URL: z.url() }));
const secure = cookiesMustBeSecure(PUBLIC_BASE_URL);

function sessionOf(event: APIGatewayProxyEventV2): string | undefined {
  const header = requestHeader(event, 'cookie');
  return sessionFromCookies([...(event.cookies ?? []), ...(header === undefined ? [] : [header])]);
}

const view = ({ name, role, expiresAt }: LiveSession) => ({ name, role, expiresAt });

/** POST signs in, GET says who is signed in, DELETE signs out: the console's three calls. */
export const handler = httpHandler(async (event): Promise<APIGatewayProxyStructuredResultV2> => {
  const now = new Date();
  switch (event.routeKey) {
    case 'POST /console/session': {
      const { token } = jsonBody(event, consoleSessionRoutes['POST /console/session'].body);
      const signedIn = await signIn(staffCredentials, token, now);
      return { ...json(200, view(signedIn)), cookies: [sessionCookie(signedIn.session, sessionLifetimeSeconds, secure)] };
    }
    case 'GET /console/session': {
      const live = await resolveSession(staffCredentials, sessionOf(event), now);
      if (live === undefined) throw new Unauthorized('Not signed in: the session has expired or ended. Sign in with your staff token.');
      return json(200, view(live));
    }
    case 'DELETE /console/session': {
      const session = sessionOf(event);
      if (session !== undefined && requestHeader(event, consoleRequestHeader.name) !== consoleRequestHeader.value) {
        throw new Forbidden(`Sign out from the console: send ${consoleRequestHeader.name}: ${consoleRequestHeader.value} with the cookie.`);
      }
      await signOut(staffCredentials, session, now);
      return withSecurityHeaders({ statusCode: 204, headers: { 'cache-control': 'no-store' }, cookies: [clearedSessionCookie(secure)] });
    }
    default:
      throw new NotFound(`No such route: ${event.routeKey}.`);
  }
});
