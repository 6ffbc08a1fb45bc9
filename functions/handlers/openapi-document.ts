import { httpHandler } from '../http/http-handler';
import { buildOpenApiDocument } from '../http/openapi';
import { json } from '../http/respond';

/** Built once per container. No `servers`: clients resolve paths against the URL they fetched it from. */
const document = buildOpenApiDocument();

export const handler = httpHandler(async () => json(200, document, { 'cache-control': 'public, max-age=300' }));
