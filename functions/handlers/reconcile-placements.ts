import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { z } from 'zod';
import { reconcilePlacements } from '../application/reconcile';
import { logger } from '../observability/logger';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

/** An EventBridge scheduled event; `detail.settleMinutes` may shorten the grace period (a local start-up uses 0). */
const eventSchema = z.looseObject({ detail: z.looseObject({ settleMinutes: z.number().int().min(0).max(1440).optional() }).optional() });

export const handler = middy(async (event: unknown) => {
  const { detail } = eventSchema.parse(event ?? {});
  return reconcilePlacements({ placements, workflow, clock: systemClock }, { settleMinutes: detail?.settleMinutes ?? 5 });
}).use(injectLambdaContext(logger));
