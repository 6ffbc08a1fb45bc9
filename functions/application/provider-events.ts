import { z } from 'zod';
import type { Mailer } from '../adapters/email/ses-mailer';
import type { PlacementWorkflow } from '../adapters/stepfunctions/placement-workflow';
import type { AgencyConfig } from '../domain/agency-config';
import { Conflict } from '../domain/errors';
import {
  flagForAttention,
  recordContractRefused,
  recordContractSigned,
  recordReserveFunded,
  recordReservePaymentFailed,
  type Actor,
  type Change,
  type Placement,
} from '../domain/placement';
import type { PlacementRepository } from '../domain/ports';
import { customerServiceNoticeLetter, reservePaymentFailedLetter } from '../emails/letters';
import { logger } from '../observability/logger';
import { changePlacement } from './change-placement';
import { clientLinks } from './client-links';
import { endWait } from './lifecycle-waits';
import type { Clock } from './clock';

// --- The provider formats, only the fields we act on (the rest passes through untouched). ---

/** DocuSign Connect, JSON SIM format. */
export const docusignEventSchema = z.object({
  event: z.string().min(1).max(100),
  generatedDateTime: z.iso.datetime({ offset: true }),
  data: z.object({
    envelopeId: z.string().min(1).max(100),
    envelopeSummary: z
      .object({ status: z.string().optional(), completedDateTime: z.iso.datetime({ offset: true }).optional() })
      .loose()
      .optional(),
  }).loose(),
}).loose();
export type DocusignEvent = z.infer<typeof docusignEventSchema>;

/** Stripe-format event with a checkout session inside. */
export const billingEventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  data: z.object({
    object: z.object({
      id: z.string().min(1).max(255),
      client_reference_id: z.string().min(1).max(200).nullish(),
      payment_status: z.string().max(50).optional(),
    }).loose(),
  }).loose(),
}).loose();
export type BillingEvent = z.infer<typeof billingEventSchema>;

/** What became of an event; every one of them is answered 2xx so the provider stops retrying. */
export type EventOutcome =
  | 'contract-signed'
  | 'contract-refused'
  | 'reserve-funded'
  | 'payment-failed'
  | 'duplicate'
  | 'already-known'
  | 'not-applicable'
  | 'ignored'
  | 'unknown-placement';

export interface ProviderEventDeps {
  placements: Pick<PlacementRepository, 'get' | 'save' | 'hasProviderEvent' | 'findByEnvelopeId' | 'findByCheckoutSessionId'>;
  workflow: Pick<PlacementWorkflow, 'resume' | 'stop'>;
  mailer: Mailer;
  agency: Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone' | 'publicBaseUrl'>;
  clock: Clock;
}

// --- DocuSign ---

export async function handleContractEvent(deps: ProviderEventDeps, event: DocusignEvent): Promise<EventOutcome> {
  const { envelopeId } = event.data;
  const placement = await deps.placements.findByEnvelopeId(envelopeId);
  if (placement === undefined) {
    logger.info('DocuSign event for an envelope we do not know', { event: event.event });
    return 'unknown-placement';
  }
  logger.appendKeys({ placementId: placement.id });
  const actor: Actor = {
    kind: 'provider',
    provider: 'docusign',
    eventId: `${envelopeId}:${event.event}:${event.generatedDateTime}`,
    eventType: event.event,
  };
  let decide: ((current: Placement, stamp: { at: string; by: Actor }) => Change) | undefined;
  if (event.event === 'envelope-completed') {
    const signedAt = event.data.envelopeSummary?.completedDateTime ?? event.generatedDateTime;
    decide = (current, stamp) => recordContractSigned(current, notAfter(signedAt, stamp.at), stamp);
  } else if (event.event === 'envelope-declined' || event.event === 'envelope-voided') {
    const outcome = event.event === 'envelope-declined' ? 'DECLINED' : 'VOIDED';
    decide = (current, stamp) => recordContractRefused(current, outcome, stamp);
  }
  if (decide === undefined) return 'ignored';
  const applied = await applyProviderEvent(deps, placement.id, actor, decide);
  if (applied === 'duplicate' || applied === 'already-known' || applied === 'not-applicable') return applied;

  if (applied.status === 'CANCELLED') {
    await notifyCustomerService(deps, applied, `The client ${event.event === 'envelope-declined' ? 'declined' : 'had the envelope voided for'} the contract: the placement is cancelled.`);
    const executionArn = applied.lifecycle?.executionArn;
    if (executionArn !== undefined) await deps.workflow.stop(executionArn, applied.cancellation?.reason ?? 'Contract refused');
    return 'contract-refused';
  }
  await resumeIfPaperworkDone(deps, applied);
  return 'contract-signed';
}

// --- Billing ---

export async function handleBillingEvent(deps: ProviderEventDeps, event: BillingEvent): Promise<EventOutcome> {
  const session = event.data.object;
  const funded =
    event.type === 'checkout.session.async_payment_succeeded' ||
    (event.type === 'checkout.session.completed' && session.payment_status === 'paid');
  const failed = event.type === 'checkout.session.async_payment_failed';
  if (!funded && !failed) return 'ignored';

  const placement = await findBillingPlacement(deps, session.client_reference_id ?? undefined, session.id);
  if (placement === undefined) {
    logger.info('Billing event for a checkout session we do not know', { eventType: event.type });
    return 'unknown-placement';
  }
  logger.appendKeys({ placementId: placement.id });
  const actor: Actor = { kind: 'provider', provider: 'billing', eventId: event.id, eventType: event.type };
  const applied = await applyProviderEvent(deps, placement.id, actor, (current, stamp) =>
    funded
      ? recordReserveFunded(current, new Date(Math.min(event.created * 1000, Date.parse(stamp.at))).toISOString(), stamp)
      : recordReservePaymentFailed(current, stamp),
  );
  if (applied === 'duplicate' || applied === 'already-known' || applied === 'not-applicable') return applied;

  if (failed) {
    await sendOrFlag(deps, applied, 'the client could not be told their reserve payment failed', {
      to: [applied.client.email],
      placementId: applied.id,
      ...reservePaymentFailedLetter(applied, clientLinks(applied, deps.agency).paymentUrl, deps.agency, deps.clock.now()),
    });
    return 'payment-failed';
  }
  await resumeIfPaperworkDone(deps, applied);
  return 'reserve-funded';
}

/** By our own id first (client_reference_id), then by the session, which the pointer item knows. */
async function findBillingPlacement(deps: ProviderEventDeps, placementId: string | undefined, sessionId: string) {
  if (placementId !== undefined) {
    const byReference = await deps.placements.get(placementId);
    if (byReference !== undefined) return byReference;
  }
  return deps.placements.findByCheckoutSessionId(sessionId);
}

// --- Shared steps ---

/**
 * When a provider says something happened, but never later than now: nothing is signed or paid in the
 * future, and a date far ahead (a provider's clock, a bad payload) would move the certification week
 * past any calendar.
 */
function notAfter(instant: string, now: string): string {
  return Date.parse(instant) > Date.parse(now) ? now : instant;
}

/**
 * Applies a provider event once. Returns the saved placement when this delivery made the change, or
 * why it did not: already recorded (`duplicate`), the fact was already known from another event
 * (`already-known`), or the event does not apply to the placement as it is (`not-applicable`).
 */
async function applyProviderEvent(
  deps: ProviderEventDeps,
  placementId: string,
  actor: Extract<Actor, { kind: 'provider' }>,
  decide: (current: Placement, stamp: { at: string; by: Actor }) => Change,
): Promise<Placement | 'duplicate' | 'already-known' | 'not-applicable'> {
  if (await deps.placements.hasProviderEvent(placementId, actor.provider, actor.eventId)) return 'duplicate';
  try {
    const { placement, changed } = await changePlacement(deps.placements, placementId, (current) =>
      decide(current, { at: deps.clock.now(), by: actor }),
    );
    return changed ? placement : 'already-known';
  } catch (error) {
    if (error instanceof Conflict && !isStaleVersion(error)) {
      logger.warn('Provider event does not apply to the placement as it is', { eventType: actor.eventType, reason: error.message });
      return 'not-applicable';
    }
    throw error;
  }
}

const isStaleVersion = (error: Conflict) =>
  typeof error.details === 'object' && error.details !== null && 'reason' in error.details && error.details.reason === 'STALE_VERSION';

/** Only the delivery that completed the paperwork resumes the waiting lifecycle; a lifecycle not yet waiting finds it done itself. */
async function resumeIfPaperworkDone(deps: ProviderEventDeps, placement: Placement): Promise<void> {
  await endWait(deps, placement, 'paperwork');
}

async function notifyCustomerService(deps: ProviderEventDeps, placement: Placement, what: string): Promise<void> {
  await sendOrFlag(deps, placement, 'Customer Service could not be told', {
    to: [deps.agency.customerServiceEmail],
    placementId: placement.id,
    ...customerServiceNoticeLetter(placement, what, deps.agency),
  });
}

/**
 * The event's effect is saved before the email goes, so a retried delivery will not send it again;
 * if sending fails, the placement is flagged so a person follows up instead of the email being lost.
 */
async function sendOrFlag(deps: ProviderEventDeps, placement: Placement, problem: string, email: Parameters<Mailer['send']>[0]) {
  try {
    await deps.mailer.send(email);
  } catch (error) {
    logger.error('Email failed after a provider event', { error, placementId: placement.id });
    await changePlacement(deps.placements, placement.id, (current) =>
      flagForAttention(current, problem, { at: deps.clock.now(), by: { kind: 'system', component: 'provider-events' } }),
    );
  }
}
