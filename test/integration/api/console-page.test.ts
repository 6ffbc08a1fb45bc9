import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startTestSystem, type LocalSystem } from '../../support/local-system';

// The console is served by the API itself: one page, its script and style sheet from the same origin,
// nothing inline, nothing from elsewhere.

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('GET /console', () => {
  it("allows scripts, styles and calls from the API's own origin only, and inlines no script or style", async () => {
    const page = await get(`${system.baseUrl}/console`, { accept: 'text/html' });

    expect(page.status).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/<style|\sstyle=/);
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('serves the script and style sheet it names, cached for good under names that change with them', async () => {
    const page = await get(`${system.baseUrl}/console`);
    const files = [...page.body.matchAll(/(?:src|href)="console\/assets\/([^"]+)"/g)].map((match) => match[1] ?? '');

    expect(files).toHaveLength(2);
    for (const file of files) {
      const asset = await get(`${system.baseUrl}/console/assets/${file}`);
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.body.length).toBeGreaterThan(1000);
    }
  });

  it('answers a name it does not have with a 404', async () => {
    const missing = await get(`${system.baseUrl}/console/assets/app.000000000000.js`, { accept: 'application/json' });

    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
