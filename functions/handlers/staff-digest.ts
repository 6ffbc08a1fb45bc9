import { sendStaffDigest } from '../application/cohort-jobs';
import { loggedHandler, logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { mentorCases } from '../wiring/mentor-cases';
import { placements } from '../wiring/placements';

/** The weekday digest of placements and mentor cases that need a person (EventBridge schedule). */
export const handler = loggedHandler(async () => {
  const outcome = await sendStaffDigest({ placements, mentorCases, mailer, agency, clock: systemClock });
  // Quiet when idle: a run that found nothing is a debug line, not one more info line a day.
  const log = outcome.items > 0 ? logger.info : logger.debug;
  log('The weekday digest of placements that need a person: done', { outcome });
  return outcome;
});
