import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { buildConsoleAssets, type ConsoleAsset, type ConsoleAssets } from '../../console/build';
import { NotFound } from '../domain/errors';
import { httpHandler } from '../http/http-handler';
import { validate } from '../http/request';
import { withSecurityHeaders } from '../http/respond';
import { agency } from '../wiring/agency';

declare const __CONSOLE_ASSETS__: string | undefined;

/** The bundle the Lambda was built with (lib/constructs/project-function.ts); locally, built by esbuild on first load. */
const assets: ConsoleAssets = typeof __CONSOLE_ASSETS__ === 'undefined' ? buildConsoleAssets() : (JSON.parse(__CONSOLE_ASSETS__) as ConsoleAssets);

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const { branding } = agency;
const logoOrigin = branding.logoUrl === undefined ? '' : ` ${new URL(branding.logoUrl).origin}`;

/** Scripts and styles from this API only, no inline script or style; calls to this API only. */
const consolePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' data:${logoOrigin}`,
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

// Relative links: the shell is at <root>/console, wherever the API's root is.
const data = {
  'agency-name': branding.name,
  'agency-short-name': branding.shortName,
  'agency-timezone': agency.agencyTimezone,
  'pass-mark': String(agency.passMark),
  'brand-colour': branding.brandColour,
  'logo-url': branding.logoUrl ?? 'assets/logo.svg',
};
const shell = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Staff console · ${escapeAttribute(branding.shortName)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="console/assets/${assets.style.name}"><script type="module" src="console/assets/${assets.script.name}"></script></head><body ${Object.entries(data)
  .map(([name, value]) => `data-${name}="${escapeAttribute(value)}"`)
  .join(' ')}><noscript><p>The staff console needs JavaScript.</p></noscript><div id="app"></div></body></html>`;

const byName = new Map<string, ConsoleAsset>([assets.script, assets.style].map((asset) => [asset.name, asset]));
const assetParametersSchema = z.object({ file: z.string().check(z.minLength(1), z.maxLength(100)) });

function page(): APIGatewayProxyStructuredResultV2 {
  return withSecurityHeaders({
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': consolePolicy },
    body: shell,
  });
}

export const handler = httpHandler(async (event) => {
  if (event.pathParameters?.file === undefined) return page();
  const { file } = validate(assetParametersSchema, event.pathParameters, 'path');
  const asset = byName.get(file);
  if (asset === undefined) throw new NotFound('The console has no such file; reload the console.');
  // Each name carries its content's hash: a new bundle has new names, so a browser may keep these for good.
  return { statusCode: 200, headers: { 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable' }, body: asset.body };
});
