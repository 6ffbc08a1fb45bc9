import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorizerFunction, routes as manifestRoutes, type RouteAuth } from '../lib/manifest';
import type { ActivityTracker } from './activity';
import { localAccountId, localRegion } from './arns';
import { FunctionError, type LocalFunctions } from './functions';
import { BodyTooLargeError, readBody, sendBodyTooLarge, sendJson } from './http';

export interface LocalRoute {
  method: string;
  path: string;
  function: string;
  auth: RouteAuth;
  pattern: RegExp;
  parameterNames: string[];
}

/** `/placements/{id}` → a matcher with named path parameters (`{proxy+}` takes the rest of the path). */
function compileRoute(route: { method: string; path: string; function: string; auth: RouteAuth }): LocalRoute {
  const parameterNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]);
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), parameterNames };
}

export const localRoutes: LocalRoute[] = manifestRoutes.map((route) => compileRoute(route));

const authorizerResultSchema = z.object({
  isAuthorized: z.boolean(),
  context: z.record(z.string(), z.unknown()).optional(),
});

const textContentType = /^(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|x-www-form-urlencoded|javascript))/i;

const handlerResultSchema = z.looseObject({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  multiValueHeaders: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
  cookies: z.array(z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});

/** API Gateway's answer when the integration fails: the caller sees no detail. */
const internalError = { message: 'Internal Server Error' };

export interface GatewayOptions {
  functions: LocalFunctions;
  activity: ActivityTracker;
  /** Local-only routes under `/_local/`; returns false when it has no such route. */
  control: (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => Promise<boolean>;
}

function headerMap(request: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryMap(url: URL): Record<string, string> | undefined {
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  return Object.keys(query).length === 0 ? undefined : query;
}

/** Requests the API answered (the control API's aside): what API Gateway bills, for `npm run bench`. */
let apiRequests = 0;

export function apiRequestCount(): number {
  return apiRequests;
}

/**
 * The HTTP API locally: each request becomes a payload-format-2.0 event for the route's handler,
 * staff routes first pass the Lambda authorizer (simple responses), and the handler's response goes
 * back unchanged.
 */
export function createGateway({ functions, activity, control }: GatewayOptions): http.RequestListener {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/_local/')) {
      // Not tracked: advancing the clock waits for idle from inside one of these requests.
      void control(request, response, url).then(
        (handled) => {
          if (!handled) sendJson(response, 404, { error: { code: 'NOT_FOUND', message: `No local control route ${request.method} ${url.pathname}.` } });
        },
        (error: unknown) => {
          if (error instanceof BodyTooLargeError) return sendBodyTooLarge(response);
          console.error('local control API:', error);
          if (!response.headersSent) sendJson(response, 500, { error: { code: 'INTERNAL', message: 'The local control API failed; see its log.' } });
        },
      );
      return;
    }
    apiRequests += 1;
    void activity.track(() =>
      serveRoute(functions, request, response, url).catch((error: unknown) => {
        // API Gateway's own answer to a payload over its limit, before any authorizer or handler.
        if (error instanceof BodyTooLargeError) return sendBodyTooLarge(response, { message: 'Request Entity Too Large' });
        // Never leave a caller hanging: what API Gateway answers when it fails itself.
        console.error('local gateway:', error);
        if (!response.headersSent) sendJson(response, 500, internalError);
      }),
    );
  };
}

async function serveRoute(functions: LocalFunctions, request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
  const method = request.method ?? 'GET';
  let route: LocalRoute | undefined;
  let match: RegExpExecArray | null = null;
  for (const candidate of localRoutes) {
    if (candidate.method !== method) continue;
    match = candidate.pattern.exec(url.pathname);
    if (match) {
      route = candidate;
      break;
    }
  }
  const body = await readBody(request);
  if (!route || !match) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }

  const headers = headerMap(request);
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const pathParameters = decodePathParameters(route, match);
  if (pathParameters === undefined) {
    // A stray `%` (not two hex digits after it, or not UTF-8) cannot be decoded: refused before any
    // handler runs, in the gateway's own `{"message"}` shape.
    sendJson(response, 400, { message: 'Bad Request' });
    return;
  }
  const queryStringParameters = queryMap(url);
  const cookies = headers.cookie?.split(';').map((cookie) => cookie.trim());
  const requestContext = {
    accountId: localAccountId,
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
    http: {
      method,
      path: url.pathname,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  };

  let authorizer: { lambda: Record<string, unknown> } | undefined;
  if (route.auth === 'staff') {
    // As the stack configures it (lib/constructs/certification-api.ts): no identity sources, so no
    // request is refused before the authorizer and nothing is cached; it sees the bearer header and the cookies.
    const authorizerEvent: APIGatewayRequestAuthorizerEventV2 = {
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:${localRegion}:${localAccountId}:local/$default/${method}${url.pathname}`,
      identitySource: [],
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      cookies: cookies ?? [],
      headers,
      queryStringParameters: queryStringParameters ?? {},
      requestContext,
      pathParameters,
      stageVariables: {},
    };
    try {
      const result = authorizerResultSchema.safeParse(await functions.invoke(authorizerFunction, authorizerEvent));
      if (!result.success) {
        console.error('staff authorizer returned a response that is not a simple response:', z.prettifyError(result.error));
        sendJson(response, 500, internalError);
        return;
      }
      if (!result.data.isAuthorized) {
        sendJson(response, 403, { message: 'Forbidden' });
        return;
      }
      authorizer = { lambda: result.data.context ?? {} };
    } catch (error) {
      console.error('staff authorizer failed:', FunctionError.from(error));
      sendJson(response, 500, internalError);
      return;
    }
  }

  const contentType = headers['content-type'] ?? '';
  const isText = contentType === '' || textContentType.test(contentType);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: { ...requestContext, ...(authorizer ? { authorizer } : {}) },
    ...(route.parameterNames.length > 0 ? { pathParameters } : {}),
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };

  let result: unknown;
  try {
    result = await functions.invoke(route.function, event);
  } catch (error) {
    console.error(`${route.function} failed:`, FunctionError.from(error));
    sendJson(response, 500, internalError);
    return;
  }
  writeHandlerResult(response, result);
}

/** The route's path parameters, percent-decoded; undefined when a value is not valid percent-encoding. */
function decodePathParameters(route: LocalRoute, match: RegExpExecArray): Record<string, string> | undefined {
  try {
    return Object.fromEntries(route.parameterNames.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/** Format 2.0: a structured result is used as is; anything else is JSON with status 200. */
function writeHandlerResult(response: http.ServerResponse, result: unknown): void {
  const structured = handlerResultSchema.safeParse(result);
  if (!structured.success) {
    const text = JSON.stringify(result);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(text);
    return;
  }
  const { statusCode, headers = {}, multiValueHeaders = {}, cookies = [], body = '', isBase64Encoded = false } = structured.data;
  const outgoing: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) outgoing[name] = String(value);
  for (const [name, values] of Object.entries(multiValueHeaders)) outgoing[name] = values.map(String);
  if (cookies.length > 0) outgoing['set-cookie'] = cookies;
  response.writeHead(statusCode, outgoing);
  response.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
