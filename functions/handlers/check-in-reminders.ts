import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sendDueCheckIns } from '../application/relationship';
import { logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { duePlacements, mentorCases, placements } from '../wiring/placements';

/** The check-ins due now, on each client's Monday morning (EventBridge schedule, hourly). */
export const handler = middy(async () => {
  const outcome = await sendDueCheckIns({ placements, duePlacements, mentorCases, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock });
  logger.info('Check-ins due to clients of active placements: done', { outcome });
  return outcome;
}).use(injectLambdaContext(logger));
