import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sendCheckIns } from '../application/cohort-jobs';
import { logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { placements } from '../wiring/placements';

/** Monday check-in reminders to clients of active placements (EventBridge schedule). */
export const handler = middy(async () => {
  const outcome = await sendCheckIns({ placements, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock });
  logger.info('Monday check-in reminders to clients of active placements: done', { outcome });
  return outcome;
}).use(injectLambdaContext(logger));
