import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { InvalidInput } from '../domain/errors';
import { describeIssues } from '../domain/issues';
// A request's `details` in English, as classic zod gives them.
import '../domain/zod-messages';

/** The body as text (a base64-encoded body decoded as UTF-8). */
export function rawBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  if (event.body === undefined || event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * The body's bytes exactly as sent, which webhook signatures are computed over: decoded text would
 * turn bytes that are not UTF-8 into replacement characters and change what was signed.
 */
export function rawBodyBytes(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

function header(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

export function requestHeader(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  return header(event, name);
}

/** Parses text as JSON, or InvalidInput naming the problem; no `as` casts past this point. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInput('The body is not valid JSON.');
  }
}

/**
 * A client link's address that does not hold together: a key cut short, an answer missing. To a
 * program it is an ordinary 400; a person gets the page for a link that does not work.
 */
export class InvalidLink extends InvalidInput {}

/** The path or query of a client link, valid against its schema, or InvalidLink. */
export function validateLink<T extends z.core.$ZodType>(schema: T, value: unknown, what: 'path' | 'query'): z.infer<T> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new InvalidLink(`The link's ${what} is not valid.`, describeIssues(parsed.error));
  return parsed.data;
}

/** Valid against the schema (classic zod or zod/mini), or InvalidInput naming each problem. */
export function validate<T extends z.core.$ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new InvalidInput(`The ${what} is not valid.`, describeIssues(parsed.error));
  return parsed.data;
}

/** A JSON body: `application/json`, parseable, and valid against the route's schema. */
export function jsonBody<T extends z.core.$ZodType>(event: APIGatewayProxyEventV2, schema: T): z.infer<T> {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new InvalidInput('Send the body as JSON with Content-Type: application/json.', { contentType });
  }
  return validate(schema, parseJson(rawBody(event)), 'request body');
}

/** Whether the caller asked for JSON rather than a page (a program, not a person's browser). */
export function prefersJson(event: Pick<APIGatewayProxyEventV2, 'headers'>): boolean {
  const accept = (requestHeader(event, 'accept') ?? '').toLowerCase();
  return /application\/([\w.+-]+\+)?json/.test(accept) && !accept.includes('text/html');
}

/** The media ranges of the Accept header with their weights (`q`, 1 when not given). */
function acceptedTypes(event: Pick<APIGatewayProxyEventV2, 'headers'>): { type: string; weight: number }[] {
  return (requestHeader(event, 'accept') ?? '')
    .toLowerCase()
    .split(',')
    .map((range) => {
      const [type = '', ...parameters] = range.split(';').map((part) => part.trim());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { type, weight: Number.isFinite(weight) ? weight : 0 };
    })
    .filter(({ type }) => type !== '');
}

/**
 * Whether the caller is a person's browser: it names HTML in Accept, above JSON. A browser opening a
 * page names text/html first; fetch and curl accept any type, which says neither.
 */
export function prefersPage(event: Pick<APIGatewayProxyEventV2, 'headers'>): boolean {
  const types = acceptedTypes(event);
  const weightOf = (matches: (type: string) => boolean) => Math.max(0, ...types.filter(({ type }) => matches(type)).map(({ weight }) => weight));
  const html = weightOf((type) => type === 'text/html' || type === 'application/xhtml+xml');
  const json = weightOf((type) => /^application\/([\w.+-]+\+)?json$/.test(type));
  return html > 0 && html >= json;
}

/** The body of a public page's form or of a JSON request; anything else is refused. */
export function formOrJsonBody(event: Pick<APIGatewayProxyEventV2, 'headers' | 'body' | 'isBase64Encoded'>, what: string): { body: unknown; fromForm: boolean } {
  const contentType = (requestHeader(event, 'content-type') ?? '').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) return { body: Object.fromEntries(new URLSearchParams(rawBody(event))), fromForm: true };
  if (/^application\/([\w.+-]+\+)?json\b/.test(contentType)) return { body: parseJson(rawBody(event)), fromForm: false };
  throw new InvalidInput(`Send the ${what} as JSON or as the form of its page.`, { contentType });
}
