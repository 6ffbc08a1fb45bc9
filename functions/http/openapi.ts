import * as z from 'zod/mini';
import { routes, type RouteSpec } from '../../lib/manifest';
import { staffRoles } from '../domain/staff-roles';
import { contractOf, errorBodySchema } from './api-contract';

/**
 * The OpenAPI 3.1 document, generated from the manifest's routes and each route's contract
 * (api-contract.ts): it cannot describe a route, parameter or shape the API does not have.
 * Schemas registered with an id (`.register(z.globalRegistry, { id })`) become `components/schemas` and are referenced from operations.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = { [key: string]: Json };

export type Parameter = { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: JsonSchema; description?: string };
export type MediaContent = Partial<Record<'application/json' | 'text/html' | 'image/svg+xml', { schema: JsonSchema }>>;
export type Response = { description: string; content?: MediaContent; headers?: Record<string, { description: string; schema: JsonSchema }> };
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: MediaContent };
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
};
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<'get' | 'post' | 'patch' | 'delete', Operation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
};

export interface OpenApiOptions {
  /** The API's base URL; without it the document has no `servers` and clients use the URL it was fetched from. */
  serverUrl?: string;
}

export const staffSecurityScheme = 'staffBearer';
const componentPrefix = '#/components/schemas/';
const definitionPrefix = '#/$defs/';
const componentName = /^[A-Za-z0-9._-]+$/;

const jsonSchemaRootSchema = z.record(z.string(), z.json());
const objectSchemaShape = z.object({
  properties: z.optional(z.record(z.string(), z.record(z.string(), z.json()))),
  required: z.optional(z.array(z.string())),
});

/** Converts zod schemas one at a time and gathers every schema with an id into `components/schemas`. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = jsonSchemaRootSchema.parse(z.toJSONSchema(schema, { target: 'draft-2020-12', io }));
    const { $schema: _dialect, $defs: definitions, ...root } = converted;
    for (const [id, definition] of Object.entries(z.optional(jsonSchemaRootSchema).parse(definitions) ?? {})) {
      this.add(id, jsonSchemaRootSchema.parse(toComponentRefs(definition)));
    }
    return jsonSchemaRootSchema.parse(toComponentRefs(root));
  }

  /** The schema itself, or the component it references. */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith(componentPrefix)) return schema;
    return this.components[ref.slice(componentPrefix.length)] ?? schema;
  }

  private add(id: string, definition: JsonSchema): void {
    if (!componentName.test(id)) throw new Error(`Schema id ${JSON.stringify(id)} cannot name an OpenAPI component.`);
    const existing = this.components[id];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(definition)) {
      // E.g. one id used both as a request body (input) and a response (output) that convert differently.
      throw new Error(`Two different schemas carry the id ${id}; give each its own id.`);
    }
    this.components[id] = definition;
  }
}

function toComponentRefs(value: Json | undefined): Json {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' && inner.startsWith(definitionPrefix)
        ? [key, componentPrefix + inner.slice(definitionPrefix.length)]
        : [key, toComponentRefs(inner)],
    ),
  );
}

function parametersOf(collector: SchemaCollector, schema: z.core.$ZodType | undefined, location: Parameter['in']): Parameter[] {
  if (schema === undefined) return [];
  const { properties = {}, required = [] } = objectSchemaShape.parse(collector.resolve(collector.convert(schema, 'input')));
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name: location === 'header' ? headerName(name) : name,
      in: location,
      required: location === 'path' || required.includes(name),
      schema: propertySchema,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

/** `idempotency-key` → `Idempotency-Key`: header names are case-insensitive; this is how people write them. */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** Every `{name}` of the path, described by the route's path-parameter schema (a plain string if it has none). */
function pathParameters(collector: SchemaCollector, route: RouteSpec, schema: z.core.$ZodObject | undefined): Parameter[] {
  const described = parametersOf(collector, schema, 'path');
  return [...route.path.matchAll(/\{([^}]+)\}/g)].map(
    ([, name = '']) => described.find((parameter) => parameter.name === name) ?? { name, in: 'path', required: true, schema: { type: 'string' } },
  );
}

const successDescriptions: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

function errorDescription(status: number, auth: RouteSpec['auth']): string {
  if (status === 401 && auth === 'staff') {
    return 'No bearer token. API Gateway itself answers this one, with `{"message": "Unauthorized"}`.';
  }
  if (status === 403 && auth === 'staff') {
    return 'The role of the token may not do this. An unknown or revoked token is refused by API Gateway itself, with `{"message": "Forbidden"}`.';
  }
  if (status === 401 && auth === 'signature') return 'The signature is missing, does not match, or is too old.';
  const descriptions: Record<number, string> = {
    400: 'The request is not valid; `details` names each problem.',
    404: 'Not found.',
    409: 'The current state forbids this (e.g. wrong status), or the Idempotency-Key was used for another request.',
    410: 'The placement was cancelled or is closed: the link has nothing left to open.',
    429: 'Too many at once; `Retry-After` says when to try again.',
  };
  return descriptions[status] ?? 'Error.';
}

function authDescription(route: RouteSpec): string | undefined {
  if (route.auth === 'staff') return `Staff bearer token. Roles allowed: ${(route.roles ?? []).join(', ')}.`;
  if (route.auth === 'signature') return 'No bearer token: the request is authenticated by its signature.';
  return undefined;
}

function operationOf(collector: SchemaCollector, route: RouteSpec, errorSchema: JsonSchema): Operation {
  const contract = contractOf(route);
  const parameters = [
    ...pathParameters(collector, route, contract.pathParameters),
    ...parametersOf(collector, contract.query, 'query'),
    ...parametersOf(collector, contract.headers, 'header'),
  ];
  const responses: Record<string, Response> = {};
  for (const [status, schema] of Object.entries(contract.responses)) {
    responses[status] = {
      description: successDescriptions[Number(status)] ?? 'Success',
      content: { 'application/json': { schema: collector.convert(schema, 'output') } },
    };
  }
  const page = { schema: { type: 'string' } };
  const { browser, file } = contract;
  if (browser !== undefined) {
    // One status, two media types: the JSON for a program, the page for a person.
    const status = String(browser.status ?? 200);
    const json = responses[status];
    responses[status] = {
      description: json === undefined ? browser.page : `${json.description}. To a browser (Accept: text/html): ${browser.page}`,
      content: { ...json?.content, 'text/html': page },
    };
    if (browser.redirect !== undefined) {
      responses['302'] = {
        description: browser.redirect,
        headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string', format: 'uri' } } },
      };
    }
  }
  if (file !== undefined) responses['200'] = { description: file.description, content: { [file.mediaType]: page } };
  for (const status of contract.errors) {
    responses[String(status)] = {
      description: errorDescription(status, route.auth),
      // A browser asking for HTML gets the agency's page in plain words instead of the JSON.
      content: { 'application/json': { schema: errorSchema }, ...(browser === undefined ? {} : { 'text/html': page }) },
    };
  }
  const description = authDescription(route);
  return {
    operationId: route.function,
    summary: contract.summary,
    ...(description === undefined ? {} : { description }),
    tags: [route.auth === 'signature' ? 'webhooks' : (route.path.split('/')[1] ?? '').replace(/\.json$/, '')],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(contract.body === undefined
      ? {}
      : { requestBody: { required: true, content: { 'application/json': { schema: collector.convert(contract.body, 'input') } } } }),
    responses,
    ...(route.auth === 'staff' ? { security: [{ [staffSecurityScheme]: [] }] } : {}),
  };
}

export function buildOpenApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  const collector = new SchemaCollector();
  const errorSchema = collector.convert(errorBodySchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as Lowercase<typeof route.method>] = operationOf(collector, route, errorSchema);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'VE Certification API',
      version: '1',
      description:
        'The certification phase of a virtual-employee placement: selections, contract and billing reserve, certification week, exam and certificate. ' +
        'Errors are `{"error": {"code", "message", "details"?}}`.',
    },
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl }] }),
    paths,
    components: {
      schemas: collector.components,
      securitySchemes: {
        [staffSecurityScheme]: {
          type: 'http',
          scheme: 'bearer',
          description: `A staff token (\`vec_…\`) issued with \`npm run staff -- create\`; each carries one role: ${staffRoles.join(', ')}.`,
        },
      },
    },
  };
}
