import * as z from 'zod/mini';
import { lifecycleStepNames, lifecycleSteps, type LifecycleDeps } from '../application/lifecycle/steps';
import { logger, loggedHandler } from '../observability/logger';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

/** Which step a Task state asks for; the step's own schema checks the rest of its Payload. */
const stepEventSchema = z.looseObject({ step: z.enum(lifecycleStepNames), placementId: z.string().check(z.minLength(1)) });

/** The lifecycle's Task states but the two that draw a PDF (see document-step.ts): one domain step each, chosen by `step`. */
export const handler = loggedHandler(async (event: unknown) => {
  const { step, placementId } = stepEventSchema.parse(event);
  logger.appendKeys({ placementId, step });
  const deps: LifecycleDeps = { placements, workflow, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock };
  return lifecycleSteps[step].run(deps, event);
});
