import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { z } from 'zod';
import * as lifecycle from '../application/lifecycle';
import { logger } from '../observability/logger';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { placements } from '../wiring/placements';
import { billing, contracts } from '../wiring/providers';
import { workflow } from '../wiring/workflow';

const placementId = z.string().min(1);
const taskToken = z.string().min(1);

/** What each Task state of the lifecycle ASL sends as its Payload. */
const stepEventSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('plan'), placementId, executionArn: z.string().min(1) }),
  z.object({ step: z.literal('prepareContractAndReserve'), placementId }),
  z.object({ step: z.literal('sendOnboardingLinks'), placementId }),
  z.object({ step: z.literal('awaitPaperwork'), placementId, taskToken }),
  z.object({ step: z.literal('checkOnPaperwork'), placementId }),
  z.object({ step: z.literal('fixCertificationWeek'), placementId }),
  z.object({ step: z.literal('startCertificationWeek'), placementId }),
  z.object({ step: z.literal('holdSession'), placementId }),
  z.object({ step: z.literal('beginExam'), placementId }),
  z.object({ step: z.literal('awaitExamResult'), placementId, taskToken }),
  z.object({ step: z.literal('remindProctors'), placementId }),
  z.object({ step: z.literal('issueCertificate'), placementId }),
  z.object({ step: z.literal('welcomeFirstDay'), placementId }),
  z.object({ step: z.literal('concludeNotCertified'), placementId }),
  z.object({
    step: z.literal('flagForAttention'),
    placementId,
    failure: z.object({ Error: z.string().default('Unknown'), Cause: z.string().default('') }).loose(),
  }),
]);

const deps: lifecycle.LifecycleDeps = { placements, workflow, mailer, contracts, billing, agency, clock: systemClock };

async function runStep(event: unknown) {
  const step = stepEventSchema.parse(event);
  logger.appendKeys({ placementId: step.placementId, step: step.step });
  switch (step.step) {
    case 'plan':
      return lifecycle.planFromPlacement(deps, step.placementId, step.executionArn);
    case 'prepareContractAndReserve':
      return lifecycle.prepareContractAndReserve(deps, step.placementId);
    case 'sendOnboardingLinks':
      return lifecycle.sendOnboardingLinks(deps, step.placementId);
    case 'awaitPaperwork':
      return lifecycle.awaitPaperwork(deps, step.placementId, step.taskToken);
    case 'checkOnPaperwork':
      return lifecycle.checkOnPaperwork(deps, step.placementId);
    case 'fixCertificationWeek':
      return lifecycle.fixCertificationWeek(deps, step.placementId);
    case 'startCertificationWeek':
      return lifecycle.startCertificationWeek(deps, step.placementId);
    case 'holdSession':
      return lifecycle.holdSession(deps, step.placementId);
    case 'beginExam':
      return lifecycle.beginExam(deps, step.placementId);
    case 'awaitExamResult':
      return lifecycle.awaitExamResult(deps, step.placementId, step.taskToken);
    case 'remindProctors':
      return lifecycle.remindProctors(deps, step.placementId);
    case 'issueCertificate':
      return lifecycle.issueCertificateAndTell(deps, step.placementId);
    case 'welcomeFirstDay':
      return lifecycle.welcomeFirstDay(deps, step.placementId);
    case 'concludeNotCertified':
      return lifecycle.concludeNotCertified(deps, step.placementId);
    case 'flagForAttention':
      return lifecycle.flagLifecycleFailure(deps, step.placementId, { error: step.failure.Error, cause: step.failure.Cause });
  }
}

/** The lifecycle's Task states: one domain step each, chosen by `step`. */
export const handler = middy(runStep).use(injectLambdaContext(logger, { resetKeys: true }));
