import { remindOverdueExamResults } from '../application/cohort-jobs';
import { loggedHandler, logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { duePlacements } from '../wiring/due-placements';
import { placements } from '../wiring/placements';

/** Reminds proctors of exam results past their deadline (EventBridge schedule). */
export const handler = loggedHandler(async () => {
  const outcome = await remindOverdueExamResults({ placements, duePlacements, mailer, agency, clock: systemClock });
  // Quiet when idle: only a run that reminded someone is worth an info line.
  const log = outcome.sent > 0 ? logger.info : logger.debug;
  log('Reminds proctors of exam results past their deadline: done', { outcome });
  return outcome;
});
