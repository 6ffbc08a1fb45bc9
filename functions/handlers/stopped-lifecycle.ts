import * as z from 'zod/mini';
import { stoppedStatuses, takeUpStoppedExecution } from '../application/stopped-lifecycle';
import { loggedHandler, logger } from '../observability/logger';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

/**
 * Step Functions' "Execution Status Change" event for a lifecycle execution that stopped (the rule
 * in lib/manifest.ts `workflowEvents` lets only FAILED, TIMED_OUT and ABORTED through). The lifecycle's
 * input is `{ placementId }` (functions/adapters/stepfunctions/placement-workflow.ts).
 */
const eventSchema = z.looseObject({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.looseObject({
    executionArn: z.string().check(z.startsWith('arn:')),
    status: z.enum(stoppedStatuses),
    input: z.string(),
  }),
});
const lifecycleInput = z.looseObject({ placementId: z.string().check(z.minLength(1)) });

export const handler = loggedHandler(async (event: unknown) => {
  const { detail } = eventSchema.parse(event);
  const { placementId } = lifecycleInput.parse(JSON.parse(detail.input));
  const outcome = await takeUpStoppedExecution({ placements, workflow, clock: systemClock }, { placementId, executionArn: detail.executionArn, status: detail.status });
  logger.info('A lifecycle execution stopped', { placementId, status: detail.status, outcome });
  return { outcome };
});
