import * as z from 'zod/mini';
import { documentStepNames, documentSteps, type DocumentStepDeps } from '../application/lifecycle/document-steps';
import { logger, loggedHandler } from '../observability/logger';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { documentMailer } from '../wiring/document-mailer';
import { placements } from '../wiring/placements';
import { billing, contracts } from '../wiring/providers';

/** Which step a Task state asks for; the step's own schema checks the rest of its Payload. */
const stepEventSchema = z.looseObject({ step: z.enum(documentStepNames), placementId: z.string().check(z.minLength(1)) });

/** The lifecycle's Task states that draw a PDF: the contract for DocuSign, the certificate for the client. */
export const handler = loggedHandler(async (event: unknown) => {
  const { step, placementId } = stepEventSchema.parse(event);
  logger.appendKeys({ placementId, step });
  const deps: DocumentStepDeps = { placements, mailer: documentMailer, contracts, billing, agency, clock: systemClock };
  return documentSteps[step].run(deps, event);
});
