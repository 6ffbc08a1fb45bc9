import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startTestSystem, type LocalSystem } from '../../support/local-system';

// /docs: the API document for a person, in the viewer the API serves itself (Swagger UI from the
// package, no CDN), every script and style sheet from the API's own origin.

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

const viewerScriptInPackage = readFileSync(createRequire(import.meta.url).resolve('swagger-ui-dist/swagger-ui-bundle.js'));

/** The raw bytes of a response (gzipped ones included), which the test helpers would read as text. */
function getBytes(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

const assetsNamedBy = (page: string) => [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '').filter((link) => !link.startsWith('data:'));

describe('GET /docs', () => {
  it('answers a page whose scripts and style sheet all come from the API itself, with no inline script', async () => {
    const page = await get(`${system.baseUrl}/docs`, { accept: 'text/html' });

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/https?:\/\//);
    const links = assetsNamedBy(page.body);
    expect(links.filter((link) => link.startsWith('docs/assets/'))).toHaveLength(3);
    for (const link of links) expect(new URL(link, `${system.baseUrl}/docs`).origin).toBe(new URL(system.baseUrl).origin);
  });

  it("serves the viewer's own script as the package ships it, and the start-up that points it at /openapi.json", async () => {
    const page = await get(`${system.baseUrl}/docs`);
    const scripts = [...page.body.matchAll(/<script src="docs\/assets\/([^"]+)"/g)].map((match) => match[1] ?? '');

    const [viewer, starter] = await Promise.all(scripts.map((file) => get(`${system.baseUrl}/docs/assets/${file}`)));
    expect(viewer?.status).toBe(200);
    expect(viewer?.headers['content-type']).toMatch(/^text\/javascript/);
    expect(viewer?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(viewer?.body).toBe(viewerScriptInPackage.toString('utf8'));
    expect(starter?.body).toContain("new URL('openapi.json', window.location.href)");
    expect(starter?.body).toContain('validatorUrl: null');
  });

  it('sends the viewer script gzipped to a browser that accepts it, a third of its size or less', async () => {
    const page = await get(`${system.baseUrl}/docs`);
    const file = /<script src="docs\/assets\/(swagger-ui-bundle[^"]+)"/.exec(page.body)?.[1] ?? 'missing';

    const response = await getBytes(`${system.baseUrl}/docs/assets/${file}`, { 'accept-encoding': 'gzip, deflate, br' });

    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toBe('accept-encoding');
    expect(response.body.length).toBeLessThan(viewerScriptInPackage.length / 3);
    expect(gunzipSync(response.body).equals(viewerScriptInPackage)).toBe(true);
  });

  it('answers a file name the viewer does not have with a 404', async () => {
    const missing = await get(`${system.baseUrl}/docs/assets/swagger-ui-bundle.000000000000.js`, { accept: 'application/json' });

    expect(missing.status).toBe(404);
    expect(missing.body).toContain('NOT_FOUND');
  });
});
