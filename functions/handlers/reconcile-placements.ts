import * as z from 'zod/mini';
import { dailySweep, reconcilePlacements } from '../application/reconcile';
import { loggedHandler } from '../observability/logger';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

/**
 * An EventBridge scheduled event (the daily sweep). `detail` may shorten the grace periods: a local
 * start-up sends 0 for both, since its executions did not survive the restart.
 */
const eventSchema = z.looseObject({
  detail: z.optional(
    z.looseObject({
      settleMinutes: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1440))),
      trustStepsWithinMinutes: z.optional(z.number().check(z.int(), z.gte(0), z.lte(7 * 1440))),
    }),
  ),
});

export const handler = loggedHandler(async (event: unknown) => {
  const { detail } = eventSchema.parse(event ?? {});
  return reconcilePlacements(
    { placements, workflow, clock: systemClock },
    {
      settleMinutes: detail?.settleMinutes ?? dailySweep.settleMinutes,
      trustStepsWithinMinutes: detail?.trustStepsWithinMinutes ?? dailySweep.trustStepsWithinMinutes,
    },
  );
});
