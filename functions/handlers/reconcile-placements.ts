import * as z from 'zod';
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
  detail: z
    .looseObject({
      settleMinutes: z.number().int().min(0).max(1440).optional(),
      trustStepsWithinMinutes: z.number().int().min(0).max(7 * 1440).optional(),
    })
    .optional(),
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
