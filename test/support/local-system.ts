import path from 'node:path';
import { httpRequest, type PlainResponse } from '../../local/http';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../../local/system';

export type { LocalSystem, PlainResponse };

const fixturesDirectory = path.resolve(import.meta.dirname, '..', 'fixtures', 'statemachines');

/** A fixture ASL file under test/fixtures/statemachines. */
export function fixtureStateMachine(file: string): string {
  return path.join(fixturesDirectory, file);
}

export interface TestSystemOptions extends Omit<LocalSystemOptions, 'port' | 'memory'> {
  /**
   * Agency settings for this file's system, as env variables (`{ AGENCY_HOLIDAYS: 'none' }`): set before
   * the handlers load their configuration, as a developer would set them before `npm start`.
   */
  agencyEnvironment?: Record<string, string>;
}

/**
 * The local system for a test file: every part on a random port, DynamoDB in memory, schedules off
 * unless asked for. It fakes the process's clock and timers: one per test file, stopped in afterAll.
 */
export function startTestSystem(options: TestSystemOptions = {}): Promise<LocalSystem> {
  const { agencyEnvironment = {}, ...system } = options;
  // Each test file runs in a process of its own, so this reaches only this file's handlers.
  Object.assign(process.env, agencyEnvironment);
  return startLocalSystem({ port: 0, memory: true, scheduler: false, ...system });
}

/*
 * Tests talk HTTP through node:http, not fetch: fetch's timers are faked along with the system's,
 * and advancing the clock would time out a fetch still waiting for its answer.
 */

export function get(url: string, headers: Record<string, string> = {}): Promise<PlainResponse> {
  return httpRequest(url, { headers });
}

export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<PlainResponse> {
  return httpRequest(url, { method: 'POST', headers, body });
}

export function patchJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<PlainResponse> {
  return httpRequest(url, { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<PlainResponse> {
  return post(url, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

/** The JSON body of a response, for assertions. */
export function json(response: PlainResponse): unknown {
  return JSON.parse(response.body);
}

/** Advances the virtual clock through the control API, as a user would; returns the new now. */
export async function advanceClock(system: LocalSystem, body: { advanceBy: string } | { advanceTo: string }): Promise<Date> {
  const response = await postJson(`${system.baseUrl}/_local/clock`, body);
  const answer = json(response);
  const now: unknown = typeof answer === 'object' && answer !== null ? Reflect.get(answer, 'now') : undefined;
  if (response.status !== 200 || typeof now !== 'string') throw new Error(`Advancing the clock failed (${response.status}): ${response.body}`);
  return new Date(now);
}
