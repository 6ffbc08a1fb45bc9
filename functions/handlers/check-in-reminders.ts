import { sendDueCheckIns } from '../application/relationship';
import { loggedHandler, logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { duePlacements } from '../wiring/due-placements';
import { mentorCases } from '../wiring/mentor-cases';
import { placements } from '../wiring/placements';

/** The check-ins due now, on each client's Monday morning (EventBridge schedule, hourly). */
export const handler = loggedHandler(async () => {
  const outcome = await sendDueCheckIns({ placements, duePlacements, mentorCases, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock });
  // Quiet when idle: it runs every hour, and most hours are nobody's Monday morning.
  const log = outcome.sent > 0 || outcome.quiet > 0 ? logger.info : logger.debug;
  log('Check-ins due to clients of active placements: done', { outcome });
  return outcome;
});
