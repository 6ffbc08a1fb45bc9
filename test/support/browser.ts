import AxeBuilder from '@axe-core/playwright';
import sparticuz from '@sparticuz/chromium';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../../functions/adapters/dynamodb/placement-repository';
import { issueStaffToken } from '../../functions/application/staff-tokens';
import type { StaffRole } from '../../functions/domain/staff-roles';
import type { LocalSystem } from './local-system';

/**
 * A real Chromium (the binary inside @sparticuz/chromium: nothing to download) for a test file:
 * launched once per file, a fresh context and page per test, and a screenshot of every page a test
 * leaves under screenshots/ (git-ignored) for a person to look at. A test fails on an uncaught error
 * in the page or anything the Content-Security-Policy refused.
 */

export const screenshotsDirectory = path.resolve(import.meta.dirname, '..', '..', 'screenshots');

const fileName = (words: string) => words.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

export interface BrowserForFile {
  /** The test's page (new for each test). */
  readonly page: Page;
  /** Saves the page as it is now, as screenshots/<file>/<name>.png. */
  screenshot(name: string): Promise<string>;
}

export function useBrowser(file: string): BrowserForFile {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let testName = 'page';
  let problems: string[] = [];
  const folder = path.join(screenshotsDirectory, fileName(file));

  const screenshot = async (name: string) => {
    if (page === undefined) throw new Error('No page is open');
    await mkdir(folder, { recursive: true });
    const target = path.join(folder, `${fileName(name)}.png`);
    await page.screenshot({ path: target, fullPage: true });
    return target;
  };

  beforeAll(async () => {
    // Its Lambda flags run Chromium as one process, which dies with the first context closed: a context per test needs the usual processes.
    const args = sparticuz.args.filter((flag) => flag !== '--single-process');
    browser = await chromium.launch({ executablePath: await sparticuz.executablePath(), args, headless: true });
  });
  beforeEach(async (test) => {
    testName = test.task.name;
    context = await browser?.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    // Well under the test's own timeout, so that a missing element fails with what was awaited.
    context?.setDefaultTimeout(10_000);
    page = await context?.newPage();
    problems = [];
    page?.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    // A refused script, style or call shows only here: the page would just look broken.
    page?.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(`policy: ${message.text()}`);
    });
  });
  afterEach(async () => {
    if (page !== undefined && !page.isClosed()) await screenshot(`${fileName(testName).slice(0, 60)}-end`);
    await context?.close();
    page = undefined;
    expect(problems, 'errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    get page(): Page {
      if (page === undefined) throw new Error('The page is opened in beforeEach: use it inside a test');
      return page;
    },
    screenshot,
  };
}

/** Fails on any serious or critical accessibility violation axe finds on the page as it is now, naming each. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(grave, `axe found on ${page.url()}`).toEqual([]);
}

/**
 * The browser's clock at the system's virtual now, so that "this week" and "overdue" in the page mean
 * what they mean on the server. Timers keep running.
 */
export async function matchSystemClock(page: Page, system: LocalSystem): Promise<void> {
  await page.clock.setFixedTime(system.clock.now());
}

/** A staff token of a role, issued straight into the system's table as `npm run staff` would. */
export async function staffTokenFor(system: LocalSystem, name: string, role: StaffRole): Promise<string> {
  const client = createDocumentClient({ endpoint: system.endpoints.dynamodb });
  try {
    const repository = new DynamoPlacementRepository(client, system.tableName);
    return (await issueStaffToken(repository, { name, role }, new Date())).token;
  } finally {
    client.destroy();
  }
}

/** Opens the console and signs in with a token, as a person would: it lands on the role's first screen. */
export async function signIn(page: Page, system: LocalSystem, token: string): Promise<void> {
  await matchSystemClock(page, system);
  await page.goto(`${system.baseUrl}/console`);
  await page.getByLabel('Staff token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
