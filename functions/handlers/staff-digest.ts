import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sendStaffDigest } from '../application/cohort-jobs';
import { logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { mentorCases, placements } from '../wiring/placements';

/** The weekday digest of placements and mentor cases that need a person (EventBridge schedule). */
export const handler = middy(async () => {
  const outcome = await sendStaffDigest({ placements, mentorCases, mailer, agency, clock: systemClock });
  logger.info('The weekday digest of placements that need a person: done', { outcome });
  return outcome;
}).use(injectLambdaContext(logger));
