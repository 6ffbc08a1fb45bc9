import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import * as z from 'zod/mini';
import { NotFound } from '../domain/errors';
import { apiDocsViewerFiles, apiDocsViewerModulePath } from '../http/api-docs-viewer';
import { httpHandler } from '../http/http-handler';
import { validate } from '../http/request';
import { withSecurityHeaders } from '../http/respond';
import { agency } from '../wiring/agency';

interface Asset {
  name: string;
  contentType: string;
  body: Buffer;
  /** Made on the first request that accepts it: Swagger UI's script is 1.7 MB, about a third of that gzipped. */
  gzipped?: string;
}

/** Each name carries its content's hash, so a browser may keep a file for good and a new viewer version has new names. */
function asset(fileName: string, contentType: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = fileName.lastIndexOf('.');
  return { name: `${fileName.slice(0, dot)}.${hash}${fileName.slice(dot)}`, contentType, body };
}

// Resolved from this module: the repository's node_modules locally, the copy beside the bundle in Lambda.
const resolveModule = createRequire(import.meta.url).resolve;
const viewerFile = ({ fileName, contentType }: { fileName: string; contentType: string }) =>
  asset(fileName, contentType, readFileSync(resolveModule(apiDocsViewerModulePath(fileName))));

const viewerScript = viewerFile(apiDocsViewerFiles.script);
const viewerStyle = viewerFile(apiDocsViewerFiles.style);
// The viewer's start-up is a file of its own: the policy allows no inline script. The token typed into
// "Authorize" stays in the page's memory (persistAuthorization off), never in localStorage.
const starter = asset(
  'docs.js',
  'text/javascript; charset=utf-8',
  Buffer.from(
    `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', window.location.href).href,
    dom_id: '#api-docs',
    deepLinking: true,
    docExpansion: 'list',
    validatorUrl: null,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
`,
    'utf8',
  ),
);
const byName = new Map([viewerScript, viewerStyle, starter].map((file) => [file.name, file]));

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Scripts, styles and calls from this API only; the viewer's style sheet draws its icons from data: URLs. */
const docsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

// Relative links: the page is at <root>/docs and the document at <root>/openapi.json, wherever the API's root is.
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API · ${escapeHtml(agency.branding.shortName)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="docs/assets/${viewerStyle.name}"><script src="docs/assets/${viewerScript.name}" defer></script><script src="docs/assets/${starter.name}" defer></script></head><body><noscript><p>The API viewer needs JavaScript; the document itself is at <a href="openapi.json">openapi.json</a>.</p></noscript><div id="api-docs"></div></body></html>`;

const assetParametersSchema = z.object({ file: z.string().check(z.minLength(1), z.maxLength(100)) });

const acceptsGzip = (event: APIGatewayProxyEventV2) => /\bgzip\b/i.test(event.headers?.['accept-encoding'] ?? '');

function serve(file: Asset, event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  const headers = { 'content-type': file.contentType, 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding' };
  if (!acceptsGzip(event)) return { statusCode: 200, headers, body: file.body.toString('utf8') };
  file.gzipped ??= gzipSync(file.body).toString('base64');
  return { statusCode: 200, headers: { ...headers, 'content-encoding': 'gzip' }, body: file.gzipped, isBase64Encoded: true };
}

/** `/docs`: the API document for a person to read and try, through the bundled viewer; `/docs/assets/{file}`: its files. */
export const handler = httpHandler(async (event) => {
  if (event.pathParameters?.file === undefined) {
    return withSecurityHeaders({
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300', 'content-security-policy': docsPolicy },
      body: page,
    });
  }
  const { file } = validate(assetParametersSchema, event.pathParameters, 'path');
  const found = byName.get(file);
  if (found === undefined) throw new NotFound('The API viewer has no such file; reload /docs.');
  return serve(found, event);
});
