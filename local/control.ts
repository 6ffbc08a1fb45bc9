import { DateTime, Duration } from 'luxon';
import type http from 'node:http';
import { z } from 'zod';
import { ClockError, type VirtualClock } from './clock';
import type { LocalEndpoints } from './config';
import { parseJson, readBody, sendError, sendJson } from './http';
import { listSentEmails } from './ses';

const advanceSchema = z.union([
  z.strictObject({ advanceTo: z.iso.datetime({ offset: true }) }),
  z.strictObject({ advanceBy: z.string().min(2) }),
]);

/** The `/_local/` control API of DESIGN §3: the clock, the emails sent, the endpoints. */
export function createControlApi(options: { clock: VirtualClock; sesUrl: string; endpoints: LocalEndpoints }) {
  const { clock, sesUrl, endpoints } = options;
  return async (request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<boolean> => {
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
      default:
        return false;
    }
  };
}
