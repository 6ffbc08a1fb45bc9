import { DateTime, Duration } from 'luxon';
import type http from 'node:http';
import { z } from 'zod';
import { ClockError, type VirtualClock } from './clock';
import type { LocalEndpoints } from './config';
import { parseJson, readBody, sendError, sendJson, sendUnavailable } from './http';
import type { LocalFunctions, FunctionInvocations } from './functions';
import { apiRequestCount } from './gateway';
import { listSentEmails } from './ses';
import type { StepFunctionsEngine } from './stepfunctions-engine';
import { stepFunctionsApiCalls } from './stepfunctions-service';
import { readTableCapacity, type TableCapacity } from '../functions/observability/table-capacity';

const advanceSchema = z.union([
  z.strictObject({ advanceTo: z.iso.datetime({ offset: true }) }),
  z.strictObject({ advanceBy: z.string().min(2) }),
]);

/** `localhost`, `127.0.0.1` or `[::1]`, with any port. */
const localHostHeader = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** Whether a request carries a body: a method that sends one, or a body announced on any other. */
function carriesBody(request: http.IncomingMessage): boolean {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return true;
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export interface ControlApiOptions {
  clock: VirtualClock;
  sesUrl: string;
  endpoints: LocalEndpoints;
  /** Settles when the whole system has started (rejects if it failed); requests wait for it. */
  started: Promise<void>;
  /** What the system has done since it started, in the units AWS bills (`GET /_local/metrics`). */
  metrics?: () => Omit<LocalMetrics, 'emailsSent'>;
}

/** The counts behind the cost of a placement in AWS, since the system started. */
export interface LocalMetrics {
  /** StateEntered events over every execution's history: Standard workflows bill each one. */
  stateTransitions: number;
  /** Invocations, summed handler wall time and configured memory, by function. */
  lambda: Record<string, FunctionInvocations>;
  dynamodb: TableCapacity;
  emailsSent: number;
  apiRequests: number;
  stepFunctionsApiCalls: Record<string, number>;
}

/** The metrics of a running system: its functions, its engine, and the process-wide counters. */
export function localMetrics(functions: LocalFunctions, engine: StepFunctionsEngine): Omit<LocalMetrics, 'emailsSent'> {
  let stateTransitions = 0;
  for (const machine of engine.machines.values()) {
    for (const execution of engine.listExecutions(machine.arn)) {
      for (const event of execution.history) if (event.type.endsWith('StateEntered')) stateTransitions += 1;
    }
  }
  return {
    stateTransitions,
    lambda: functions.invocations(),
    dynamodb: readTableCapacity(),
    apiRequests: apiRequestCount(),
    stepFunctionsApiCalls: stepFunctionsApiCalls(),
  };
}

/**
 * The `/_local/` control API of DESIGN §3: the clock, the emails sent, the endpoints, and the
 * metrics (GET /_local/metrics: state transitions, Lambda invocations and durations, DynamoDB
 * request units, emails, API requests, Step Functions API calls). Only for this
 * machine: a `Host` other than localhost is refused (a DNS-rebinding page names its own host), and
 * a body must be JSON (a cross-site form can post text/plain or a form, never JSON without CORS).
 */
export function createControlApi(options: ControlApiOptions) {
  const { clock, sesUrl, endpoints, started, metrics } = options;
  return async (request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<boolean> => {
    if (!localHostHeader.test(request.headers.host ?? '')) {
      sendError(response, 403, 'FORBIDDEN', 'The local control API answers only requests to localhost, 127.0.0.1 or [::1].');
      return true;
    }
    if (carriesBody(request) && !isJson(request.headers['content-type'])) {
      sendError(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'The local control API takes only Content-Type: application/json.');
      return true;
    }
    try {
      await started;
    } catch {
      sendUnavailable(response, 'The local system did not start; see its log.');
      return true;
    }
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case 'GET /_local/clock':
        sendJson(response, 200, { now: clock.now().toISOString() });
        return true;
      case 'POST /_local/clock': {
        const body = parseJson(await readBody(request));
        const parsed = body.ok ? advanceSchema.safeParse(body.value) : undefined;
        if (!parsed?.success) {
          sendError(response, 400, 'INVALID_INPUT', 'Send {"advanceTo": "<ISO-8601 instant>"} or {"advanceBy": "<ISO-8601 duration, e.g. P3D or PT90M>"}.');
          return true;
        }
        let target: Date;
        if ('advanceTo' in parsed.data) {
          target = new Date(parsed.data.advanceTo);
        } else {
          const duration = Duration.fromISO(parsed.data.advanceBy);
          if (!duration.isValid) {
            sendError(response, 400, 'INVALID_INPUT', `"${parsed.data.advanceBy}" is not an ISO-8601 duration (e.g. P3D, PT90M, P1DT2H).`);
            return true;
          }
          target = DateTime.fromJSDate(clock.now(), { zone: 'utc' }).plus(duration).toJSDate();
        }
        try {
          const now = await clock.advanceTo(target);
          sendJson(response, 200, { now: now.toISOString() });
        } catch (error) {
          if (!(error instanceof ClockError)) throw error;
          if (error.code === 'NOT_IDLE') sendError(response, 503, 'NOT_IDLE', error.message);
          else sendError(response, 400, 'INVALID_INPUT', error.message);
        }
        return true;
      }
      case 'GET /_local/emails':
        sendJson(response, 200, await listSentEmails(sesUrl));
        return true;
      case 'GET /_local/endpoints':
        sendJson(response, 200, endpoints);
        return true;
      case 'GET /_local/metrics': {
        if (metrics === undefined) return false;
        const emailsSent = (await listSentEmails(sesUrl)).length;
        sendJson(response, 200, { ...metrics(), emailsSent } satisfies LocalMetrics);
        return true;
      }
      default:
        return false;
    }
  };
}
