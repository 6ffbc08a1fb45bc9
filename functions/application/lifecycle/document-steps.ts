import { issueCertificateAndTell, prepareContractAndReserve } from './documents';
import { placementSteps } from './step';

export type { DocumentStepDeps } from './common';

/**
 * The Task states of statemachines/placement-lifecycle.asl.json that draw a PDF, by their `step`: they
 * run in the document function, the only one that loads the PDF, font and QR code and sends attachments.
 */
export const documentSteps = placementSteps({
  prepareContractAndReserve,
  issueCertificate: issueCertificateAndTell,
});

export type DocumentStepName = keyof typeof documentSteps;
export const documentStepNames = Object.keys(documentSteps) as [DocumentStepName, ...DocumentStepName[]];
