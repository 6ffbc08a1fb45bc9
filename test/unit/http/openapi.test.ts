import { Validator } from '@seriousme/openapi-schema-validator';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler } from '../../../functions/handlers/openapi-document';
import { buildOpenApiDocument, staffSecurityScheme, type Operation } from '../../../functions/http/openapi';
import { routes } from '../../../lib/manifest';

const document = buildOpenApiDocument();

function operation(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string): Operation {
  const found = document.paths[path]?.[method.toLowerCase() as Lowercase<typeof method>];
  if (found === undefined) throw new Error(`the document has no ${method} ${path}`);
  return found;
}

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner)));
}

const requestContext = {
  accountId: '000000000000',
  apiId: 'api',
  domainName: 'api.example',
  domainPrefix: 'api',
  http: { method: 'GET', path: '/openapi.json', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
  requestId: 'request',
  routeKey: 'GET /openapi.json',
  stage: '$default',
  time: '02/Mar/2026:15:00:00 +0000',
  timeEpoch: 1772463600000,
};

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'openApiDocument',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:openApiDocument',
  memoryLimitInMB: '256',
  awsRequestId: 'test-request',
  logGroupName: '/aws/lambda/openApiDocument',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 3000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, with or without a server URL', async () => {
    // Act
    const plain = await new Validator().validate(document);
    const withServer = await new Validator().validate(buildOpenApiDocument({ serverUrl: 'https://api.example' }));

    // Assess
    expect(plain).toEqual({ valid: true });
    expect(withServer).toEqual({ valid: true });
    expect(document.openapi).toBe('3.1.0');
    expect(buildOpenApiDocument({ serverUrl: 'https://api.example' }).servers).toEqual([{ url: 'https://api.example' }]);
    expect(document.servers).toBeUndefined();
  });

  it('is checked by a validator that does refuse a broken document', async () => {
    // Prepare
    const broken = { ...document, paths: { '/placements': { get: { responses: 'none' } } } };

    // Act
    const result = await new Validator().validate(broken);

    // Assess
    expect(result.valid).toBe(false);
  });

  it('lists every manifest route with its method, and nothing else', () => {
    // Act
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

    // Assess
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('puts the bearer scheme on staff routes, with their roles, and on no other route', () => {
    // Act & Assess
    expect(document.components.securitySchemes[staffSecurityScheme]).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of routes) {
      const documented = operation(route.method, route.path);
      if (route.auth === 'staff') {
        expect(documented.security, `${route.method} ${route.path}`).toEqual([{ [staffSecurityScheme]: [] }]);
        expect(documented.description).toContain(`Roles allowed: ${route.roles.join(', ')}.`);
      } else {
        expect(documented.security, `${route.method} ${route.path}`).toBeUndefined();
      }
    }
    expect(operation('POST', '/placements/{id}/exam-result').description).toContain('admin, proctor');
  });

  it('requires client, candidate and interviewAt in the body of POST /placements, and not selectedAt', () => {
    // Prepare
    const bodySchema = z.object({
      type: z.literal('object'),
      properties: z.record(z.string(), z.unknown()),
      required: z.array(z.string()),
    });

    // Act
    const body = bodySchema.parse(operation('POST', '/placements').requestBody?.content['application/json']?.schema);

    // Assess
    expect(body.required.sort()).toEqual(['candidate', 'client', 'interviewAt']);
    expect(Object.keys(body.properties)).toContain('selectedAt');
    expect(operation('POST', '/placements').requestBody?.required).toBe(true);
  });

  it('describes the Idempotency-Key header of POST /placements as optional', () => {
    // Act
    const header = operation('POST', '/placements').parameters?.find((parameter) => parameter.in === 'header');

    // Assess
    expect(header).toMatchObject({ name: 'Idempotency-Key', required: false, schema: { type: 'string' } });
  });

  it('describes every path parameter of every route as required', () => {
    // Act & Assess
    for (const route of routes) {
      const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const documented = (operation(route.method, route.path).parameters ?? []).filter((parameter) => parameter.in === 'path');
      expect(documented.map((parameter) => parameter.name), `${route.method} ${route.path}`).toEqual(names);
      expect(documented.every((parameter) => parameter.required)).toBe(true);
    }
    expect(operation('GET', '/placements/{id}').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } },
    ]);
  });

  it('takes the query parameters of GET /placements from its query schema', () => {
    // Act
    const query = (operation('GET', '/placements').parameters ?? []).filter((parameter) => parameter.in === 'query');

    // Assess
    expect(query.map((parameter) => parameter.name).sort()).toEqual(['limit', 'nextToken', 'status', 'week']);
    expect(query.every((parameter) => !parameter.required)).toBe(true);
    expect(query.find((parameter) => parameter.name === 'limit')?.schema).toEqual({ type: 'integer', minimum: 1, maximum: 100 });
    expect(query.find((parameter) => parameter.name === 'status')?.schema).toMatchObject({ enum: expect.arrayContaining(['EXAM', 'CANCELLED']) });
  });

  it('answers each listed error status with the Error schema, and the success status with its schema', () => {
    // Act
    const createResponses = operation('POST', '/placements').responses;
    const verifyResponses = operation('GET', '/certificates/{id}').responses;

    // Assess
    expect(Object.keys(createResponses).sort()).toEqual(['201', '400', '401', '403', '409']);
    expect(createResponses['201']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Placement' });
    for (const status of ['400', '401', '403', '409']) {
      expect(createResponses[status]?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
    expect(Object.keys(verifyResponses).sort()).toEqual(['200', '400', '404']);
    expect(verifyResponses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/CertificateVerification' });
    // The verification page for a person, the JSON for a program; errors either way.
    expect(Object.keys(verifyResponses['200']?.content ?? {}).sort()).toEqual(['application/json', 'text/html']);
    expect(Object.keys(verifyResponses['404']?.content ?? {}).sort()).toEqual(['application/json', 'text/html']);
    expect(Object.keys(operation('GET', '/assets/logo.svg').responses['200']?.content ?? {})).toEqual(['image/svg+xml']);
    expect(operation('GET', '/placements').responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/PlacementList',
    });
  });

  it('makes components of the schemas that carry an id, and every reference resolves to one', () => {
    // Act
    const refs = refsIn(document);
    const components = Object.keys(document.components.schemas);

    // Assess
    expect(components).toEqual(expect.arrayContaining(['Error', 'Placement', 'PlacementList', 'CertificateVerification', 'WebhookAcknowledgement']));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(components).toContain(ref.slice('#/components/schemas/'.length));
    }
    expect(document.components.schemas.PlacementList).toMatchObject({
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Placement' } } },
    });
    expect(JSON.stringify(document)).not.toContain('"$schema"');
  });
});

describe('GET /openapi.json', () => {
  it('serves the document as JSON', async () => {
    // Prepare
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: 'GET /openapi.json',
      rawPath: '/openapi.json',
      rawQueryString: '',
      headers: {},
      requestContext,
      isBase64Encoded: false,
    };

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(String(response.body))).toEqual(buildOpenApiDocument());
  });
});
