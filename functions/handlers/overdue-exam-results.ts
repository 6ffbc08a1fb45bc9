import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { remindOverdueExamResults } from '../application/cohort-jobs';
import { logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { duePlacements, placements } from '../wiring/placements';

/** Reminds proctors of exam results past their deadline (EventBridge schedule). */
export const handler = middy(async () => {
  const outcome = await remindOverdueExamResults({ placements, duePlacements, mailer, agency, clock: systemClock });
  logger.info('Reminds proctors of exam results past their deadline: done', { outcome });
  return outcome;
}).use(injectLambdaContext(logger));
