import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { Conflict, InvalidInput, NotFound } from '../../../functions/domain/errors';
import { httpHandler } from '../../../functions/http/http-handler';
import { contrastRatio, readableInk, renderPage } from '../../../functions/http/pages';
import { InvalidLink, prefersPage } from '../../../functions/http/request';
import { errorResponse } from '../../../functions/http/respond';
import { config } from '../../support/domain-fixtures';
import { contractLinkEvent, lambdaContext } from '../../support/fixtures';

const chrome = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';
const withAccept = (accept?: string) => ({ headers: accept === undefined ? {} : { Accept: accept } });

const event = (accept?: string): APIGatewayProxyEventV2 =>
  contractLinkEvent({ rawQueryString: 'key=short', headers: accept === undefined ? {} : { accept } });

describe('who gets a page', () => {
  it.each([
    [chrome, true],
    ['text/html', true],
    ['text/html, application/json;q=0.5', true],
    ['*/*', false],
    ['application/json', false],
    ['text/html;q=0.1, application/json', false],
    [undefined, false],
  ])('Accept %s → a page: %s', (accept, page) => {
    // Assess
    expect(prefersPage(withAccept(accept))).toBe(page);
  });
});

describe('an error on a public route', () => {
  const failing = (error: unknown) => httpHandler(async () => Promise.reject(error), { errorPages: { agency: config, to: 'browsers' } });

  it("is a page in plain words for a browser, never the validation issues or the error's own message", async () => {
    // Prepare
    const issues = [{ path: 'message', message: 'Too small: expected string to have >=1 characters' }];

    // Act
    const response = await failing(new InvalidInput('The request body is not valid.', issues))(event(chrome), lambdaContext('talkToUs'));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('We could not read what you sent');
    expect(response.body).not.toMatch(/Too small|request body is not valid|"error"/);
  });

  it('keeps the JSON error shape for a program', async () => {
    // Act
    const response = await failing(new Conflict('Not now.', { reason: 'NOT_STARTED' }))(event('*/*'), lambdaContext('talkToUs'));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(String(response.body))).toEqual({ error: { code: 'CONFLICT', message: 'Not now.', details: { reason: 'NOT_STARTED' } } });
  });

  it('shows a link cut short or with the wrong key as one page, 404, with Customer Service to call', () => {
    for (const error of [new InvalidLink("The link's query is not valid."), new NotFound('This link is not valid.', { reason: 'UNKNOWN_LINK' })]) {
      // Act
      const response = errorResponse(error, config);

      // Assess
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('This link does not work');
      expect(response.body).toContain(`mailto:${config.customerServiceEmail}`);
      expect(response.body).toContain('tel:+13125550100');
    }
  });

  it('hides what went wrong inside: a 500 page without the error', () => {
    // Act
    const response = errorResponse(new Error('connect ECONNREFUSED 10.0.0.7:8000 at /var/task/index.mjs:1:2'), config);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Something went wrong on our side');
    expect(response.body).not.toMatch(/ECONNREFUSED|index\.mjs|10\.0\.0\.7/);
  });
});

describe('the branded layout', () => {
  it('keeps text readable whatever the brand colour: a pale one is darkened to 4.5:1, a dark one kept', () => {
    // Act
    const gold = readableInk('#ffd700');

    // Assess
    expect(contrastRatio(gold, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(gold, '#f4f5f6')).toBeGreaterThanOrEqual(4.5);
    expect(readableInk('#1f5f8b')).toBe('#1f5f8b');
  });

  it("shows the agency's own logo when one is configured, and lets the policy load it from there only", () => {
    // Prepare
    const agency = { ...config, branding: { ...config.branding, logoUrl: 'https://cdn.agency.example.com/brand/logo.png' } };

    // Act
    const { html, contentSecurityPolicy } = renderPage(agency, { status: 200, title: 'Thank you' });

    // Assess
    expect(html).toContain(`<img src="https://cdn.agency.example.com/brand/logo.png" alt="${config.branding.name}"`);
    expect(contentSecurityPolicy).toContain("img-src 'self' https://cdn.agency.example.com;");
  });

  it('escapes what people typed into names', () => {
    // Act
    const { html } = renderPage(config, { status: 200, title: 'Thank you', paragraphs: ['About <img src=x onerror=alert(1)> & co'] });

    // Assess
    expect(html).toContain('About &lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(html).not.toContain('<img src=x');
  });
});
