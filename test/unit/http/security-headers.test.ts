import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { NotFound } from '../../../functions/domain/errors';
import { httpHandler } from '../../../functions/http/http-handler';
import { errorResponse, htmlPage, json } from '../../../functions/http/respond';
import { config } from '../../support/domain-fixtures';
import { contractLinkEvent, lambdaContext } from '../../support/fixtures';

/** The directives of a Content-Security-Policy header, by name. */
function policyOf(response: APIGatewayProxyStructuredResultV2): Map<string, string[]> {
  const header = String(response.headers?.['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

const talkToUsPage = () =>
  htmlPage(config, {
    status: 200,
    title: 'Talk to us',
    paragraphs: ['Tell the mentor team what is on your mind.'],
    form: {
      action: 'https://certify.agency.example.com/links/p1/talk-to-us?key=k',
      label: 'Your message',
      button: 'Send to the mentor team',
      hidden: { submission: '01J0000000000000000000000' },
    },
  });

const event: APIGatewayProxyEventV2 = contractLinkEvent({ rawQueryString: 'key=k' });

describe('the pages a client opens from their emails', () => {
  it('forbid every script, plugin, frame and base URL, and post their form only back to the API', () => {
    // Act
    const policy = policyOf(talkToUsPage());

    // Assess
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    expect(policy.get('img-src')).toEqual(["'self'"]); // the bundled logo, from this API
    expect([...policy.values()].flat()).not.toContain("'unsafe-inline'");
  });

  it("keep their look under their own policy: the page's one style is allowed by its hash, and nothing inline is needed", () => {
    // Act
    const page = talkToUsPage();
    const styles = [...String(page.body).matchAll(/<style>([^<]*)<\/style>/g)].map((match) => match[1] ?? '');

    // Assess
    expect(styles).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(styles[0] ?? '', 'utf8').digest('base64')}'`;
    expect(policyOf(page).get('style-src')).toEqual([hash]);
    expect(page.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('are not sniffed, sent as a referrer or stored, whatever their status', () => {
    for (const page of [talkToUsPage(), htmlPage(config, { status: 429, title: 'Please try again in a few minutes', paragraphs: ['Paused for a moment.'] })]) {
      // Assess
      expect(page.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
    }
  });
});

describe('JSON answers', () => {
  it('are not sniffed and, holding personal data, not stored, errors included', () => {
    for (const response of [json(200, { client: { name: 'Ana Ruiz' } }), errorResponse(new NotFound('No such placement.')), errorResponse(new Error('boom'))]) {
      // Assess
      expect(response.headers).toMatchObject({ 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      expect(response.headers?.['content-security-policy']).toBeUndefined();
    }
  });

  it('keep the caching a route asks for (the public OpenAPI document)', () => {
    // Act
    const response = json(200, { openapi: '3.1.0' }, { 'cache-control': 'public, max-age=300' });

    // Assess
    expect(response.headers).toMatchObject({ 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' });
  });
});

describe('a response a handler builds itself', () => {
  it('gets the same headers from httpHandler: a redirect sends no referrer, a page gets the page policy', async () => {
    // Prepare
    const redirect = httpHandler(async () => ({ statusCode: 302, headers: { location: 'https://sign.example/s/1', 'cache-control': 'no-store' }, body: '' }));
    const page = httpHandler(async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>Hello</p>' }));

    // Act
    const redirected = await redirect(event, lambdaContext('followClientLink'));
    const shown = await page(event, lambdaContext('followClientLink'));

    // Assess
    expect(redirected.headers).toMatchObject({ location: 'https://sign.example/s/1', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
    expect(policyOf(shown).get('default-src')).toEqual(["'none'"]);
  });

  it('keeps a policy the handler set itself', async () => {
    // Prepare
    const own = httpHandler(async () => ({ statusCode: 200, headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" }, body: '' }));

    // Act
    const response = await own(event, lambdaContext('followClientLink'));

    // Assess
    expect(response.headers?.['content-security-policy']).toBe("default-src 'self'");
  });
});
