import { z } from 'zod';
import type { Clock, Mailer, PlacementRepository, PlacementWorkflow } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { effectKeys } from '../domain/effects';
import { Conflict, InvalidInput, StaleVersion } from '../domain/errors';
import {
  recordContractRefused,
  recordContractSigned,
  recordReserveFunded,
  recordReservePaymentFailed,
  type Actor,
  type Change,
  type Placement,
} from '../domain/placement';
import { contractRefusedNoticeLetter, reservePaymentFailedLetter } from '../emails/letters';
import { logger } from '../observability/logger';
import { changePlacement } from './change-placement';
import { sendOnce } from './send-once';
import { clientLinks } from './client-links';
import { endWait } from './lifecycle/waits';

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
    // Every Stripe event has an object, but not every object has an id: events we do not act on pass.
    object: z.object({
      id: z.string().min(1).max(255).optional(),
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
  const { outcome, placement: current } = await applyProviderEvent(deps, placement.id, actor, decide);
  if (outcome === 'not-applicable') return outcome;

  // The follow-ups run for a retried delivery too: a first one that saved the fact and then failed
  // (a throttled resume, an email that did not go) is completed by the provider's retry.
  if (event.event === 'envelope-completed') {
    await endWait(deps, current, 'paperwork');
    return outcome === 'changed' ? 'contract-signed' : outcome;
  }
  if (current.status === 'CANCELLED' && (current.contract?.status === 'DECLINED' || current.contract?.status === 'VOIDED')) {
    await sendOnce(deps, current, actor, {
      key: effectKeys.contractRefused,
      letter: (latest) => contractRefusedNoticeLetter(latest, deps.agency),
      evenIfCancelled: true,
    });
    const executionArn = current.lifecycle?.executionArn;
    if (executionArn !== undefined) await deps.workflow.stop(executionArn, current.cancellation?.reason ?? 'Contract refused');
  }
  return outcome === 'changed' ? 'contract-refused' : outcome;
}

// --- Billing ---

export async function handleBillingEvent(deps: ProviderEventDeps, event: BillingEvent): Promise<EventOutcome> {
  const session = event.data.object;
  const funded =
    event.type === 'checkout.session.async_payment_succeeded' ||
    (event.type === 'checkout.session.completed' && session.payment_status === 'paid');
  const failed = event.type === 'checkout.session.async_payment_failed';
  if (!funded && !failed) return 'ignored';
  if (session.id === undefined) throw new InvalidInput('A checkout.session event must carry the session id (data.object.id).');

  const placement = await findBillingPlacement(deps, session.client_reference_id ?? undefined, session.id);
  if (placement === undefined) {
    logger.info('Billing event for a checkout session we do not know', { eventType: event.type });
    return 'unknown-placement';
  }
  logger.appendKeys({ placementId: placement.id });
  const actor: Actor = { kind: 'provider', provider: 'billing', eventId: event.id, eventType: event.type };
  const { outcome, placement: current } = await applyProviderEvent(deps, placement.id, actor, (latest, stamp) =>
    funded
      ? recordReserveFunded(latest, new Date(Math.min(event.created * 1000, Date.parse(stamp.at))).toISOString(), stamp)
      : recordReservePaymentFailed(latest, stamp),
  );
  if (outcome === 'not-applicable') return outcome;

  if (failed) {
    if (current.reserve?.status !== 'FUNDED') {
      await sendOnce(deps, current, actor, {
        key: effectKeys.paymentFailed(event.id),
        letter: (latest) => reservePaymentFailedLetter(latest, clientLinks(latest, deps.agency).paymentUrl, deps.agency, deps.clock.now()),
      });
    }
    return outcome === 'changed' ? 'payment-failed' : outcome;
  }
  await endWait(deps, current, 'paperwork');
  return outcome === 'changed' ? 'reserve-funded' : outcome;
}

/** By our own id first (client_reference_id), then by the session, which the pointer item knows. */
async function findBillingPlacement(deps: ProviderEventDeps, placementId: string | undefined, sessionId: string | undefined) {
  if (placementId !== undefined) {
    const byReference = await deps.placements.get(placementId);
    if (byReference !== undefined) return byReference;
  }
  return sessionId === undefined ? undefined : deps.placements.findByCheckoutSessionId(sessionId);
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
 * Applies a provider event once and returns the placement as it now stands, with what this delivery
 * did: `changed` it, found the event already recorded (`duplicate`), found the fact already known from
 * another event (`already-known`), or found it does not apply to the placement as it is (`not-applicable`).
 */
async function applyProviderEvent(
  deps: ProviderEventDeps,
  placementId: string,
  actor: Extract<Actor, { kind: 'provider' }>,
  decide: (current: Placement, stamp: { at: string; by: Actor }) => Change,
): Promise<{ outcome: 'changed' | 'duplicate' | 'already-known' | 'not-applicable'; placement: Placement }> {
  const reread = async () => {
    const placement = await deps.placements.get(placementId);
    if (placement === undefined) throw new Error(`Placement ${placementId} disappeared while an event was applied.`);
    return placement;
  };
  if (await deps.placements.hasProviderEvent(placementId, actor.provider, actor.eventId)) return { outcome: 'duplicate', placement: await reread() };
  try {
    const { placement, changed } = await changePlacement(deps.placements, placementId, (current) =>
      decide(current, { at: deps.clock.now(), by: actor }),
    );
    return { outcome: changed ? 'changed' : 'already-known', placement };
  } catch (error) {
    if (error instanceof Conflict && !(error instanceof StaleVersion)) {
      logger.warn('Provider event does not apply to the placement as it is', { eventType: actor.eventType, reason: error.message });
      return { outcome: 'not-applicable', placement: await reread() };
    }
    throw error;
  }
}
