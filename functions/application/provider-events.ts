import * as z from 'zod/mini';
import type { ClientLinkKeys, Clock, Mailer, PlacementRepository, PlacementWorkflow } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { effectDone, effectKeys } from '../domain/effects';
import { Conflict, InvalidInput, StaleVersion } from '../domain/errors';
import {
  recordContractRefused,
  recordContractSigned,
  recordEffect,
  recordReserveFunded,
  recordReservePaymentFailed,
  recordReservePaymentRefused,
  recordReserveReversed,
  whyNotTheReserve,
  type Actor,
  type Change,
  type CheckoutPayment,
  type Placement,
  type ReserveReversal,
} from '../domain/placement';
import { describeIssues } from '../domain/schemas';
import type { RenderedEmail } from '../emails/layout';
import { contractRefusedNoticeLetter, reservePaymentFailedLetter } from '../emails/letters';
import { reservePaymentRefusedNoticeLetter, reserveReversedNoticeLetter } from '../emails/reserve-letters';
import { logger } from '../observability/logger';
import { changePlacement } from './change-placement';
import { sendOnce } from './send-once';
import { clientLinks } from './client-links';
import { endWait } from './lifecycle/waits';

// --- The provider formats, only the fields we act on (the rest passes through untouched). ---

/** DocuSign Connect, JSON SIM format. */
export const docusignEventSchema = z.looseObject({
  event: z.string().check(z.minLength(1), z.maxLength(100)),
  generatedDateTime: z.iso.datetime({ offset: true }),
  data: z.looseObject({
    envelopeId: z.string().check(z.minLength(1), z.maxLength(100)),
    envelopeSummary: z.optional(
      z.looseObject({ status: z.optional(z.string()), completedDateTime: z.optional(z.iso.datetime({ offset: true })) }),
    ),
  }),
});
export type DocusignEvent = z.infer<typeof docusignEventSchema>;

/** Stripe-format event; its object is read by what the event's type says it is. */
export const billingEventSchema = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  created: z.number().check(z.int(), z.positive()),
  // Every Stripe event has an object; events we do not act on pass whatever it holds.
  data: z.looseObject({ object: z.looseObject({}) }),
});
export type BillingEvent = z.infer<typeof billingEventSchema>;

const providerId = z.string().check(z.minLength(1), z.maxLength(255));

/** The Checkout Session of `checkout.session.*` events. */
const checkoutSessionSchema = z.looseObject({
  id: providerId,
  client_reference_id: z.nullish(z.string().check(z.minLength(1), z.maxLength(200))),
  payment_status: z.optional(z.string().check(z.maxLength(50))),
  mode: z.nullish(z.string().check(z.maxLength(50))),
  amount_total: z.nullish(z.number().check(z.int())),
  currency: z.nullish(z.string().check(z.maxLength(10))),
  payment_intent: z.nullish(providerId),
});

/** The Charge of `charge.refunded`: `amount_refunded` is the total refunded so far, `refunded` whether that is all of it. */
const chargeSchema = z.looseObject({
  id: providerId,
  payment_intent: z.nullish(providerId),
  amount_refunded: z.number().check(z.int(), z.nonnegative()),
  refunded: z.boolean(),
  currency: z.nullish(z.string().check(z.maxLength(10))),
});

/** The Dispute of `charge.dispute.created`. */
const disputeSchema = z.looseObject({
  id: providerId,
  charge: z.nullish(providerId),
  payment_intent: z.nullish(providerId),
  amount: z.number().check(z.int(), z.nonnegative()),
  currency: z.nullish(z.string().check(z.maxLength(10))),
  reason: z.nullish(z.string().check(z.maxLength(100))),
});

/** What became of an event; every one of them is answered 2xx so the provider stops retrying. */
export type EventOutcome =
  | 'contract-signed'
  | 'contract-refused'
  | 'reserve-funded'
  | 'payment-failed'
  | 'payment-refused'
  | 'reserve-refunded'
  | 'reserve-disputed'
  | 'duplicate'
  | 'already-known'
  | 'not-applicable'
  | 'ignored'
  | 'unknown-placement';

export interface ProviderEventDeps {
  placements: Pick<
    PlacementRepository,
    'get' | 'save' | 'hasProviderEvent' | 'findByEnvelopeId' | 'findByCheckoutSessionId' | 'findByPaymentIntentId'
  >;
  workflow: Pick<PlacementWorkflow, 'resume' | 'stop'>;
  mailer: Mailer;
  linkKeys: ClientLinkKeys;
  agency: Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone' | 'publicBaseUrl' | 'reserveAmountMinor' | 'reserveCurrency' | 'branding'>;
  clock: Clock;
}

// --- DocuSign ---

const contractEvents = ['envelope-completed', 'envelope-declined', 'envelope-voided'];

export async function handleContractEvent(deps: ProviderEventDeps, event: DocusignEvent): Promise<EventOutcome> {
  if (!contractEvents.includes(event.event)) return 'ignored';
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
  const object = event.data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
      return handleCheckoutEvent(deps, event, readObject(checkoutSessionSchema, object, 'checkout session'));
    case 'charge.refunded': {
      const charge = readObject(chargeSchema, object, 'charge');
      const paymentIntentId = charge.payment_intent ?? undefined;
      if (paymentIntentId === undefined) return handleReversal(deps, event, undefined);
      return handleReversal(deps, event, {
        kind: 'refund',
        paymentIntentId,
        chargeId: charge.id,
        amountMinor: charge.amount_refunded,
        fullyRefunded: charge.refunded,
        ...(charge.currency ? { currency: charge.currency } : {}),
      });
    }
    case 'charge.dispute.created': {
      const dispute = readObject(disputeSchema, object, 'dispute');
      const paymentIntentId = dispute.payment_intent ?? undefined;
      if (paymentIntentId === undefined) return handleReversal(deps, event, undefined);
      return handleReversal(deps, event, {
        kind: 'dispute',
        paymentIntentId,
        disputeId: dispute.id,
        amountMinor: dispute.amount,
        ...(dispute.currency ? { currency: dispute.currency } : {}),
        ...(dispute.reason ? { reason: dispute.reason } : {}),
      });
    }
    default:
      return 'ignored';
  }
}

type CheckoutSession = z.infer<typeof checkoutSessionSchema>;

async function handleCheckoutEvent(deps: ProviderEventDeps, event: BillingEvent, session: CheckoutSession): Promise<EventOutcome> {
  const paid =
    event.type === 'checkout.session.async_payment_succeeded' ||
    (event.type === 'checkout.session.completed' && session.payment_status === 'paid');
  const failed = event.type === 'checkout.session.async_payment_failed';
  if (!paid && !failed) return 'ignored';

  const placement = await findCheckoutPlacement(deps, session);
  if (placement === undefined) {
    logger.info('Billing event for a checkout session we do not know', { eventType: event.type });
    return 'unknown-placement';
  }
  logger.appendKeys({ placementId: placement.id });
  const actor: Actor = { kind: 'provider', provider: 'billing', eventId: event.id, eventType: event.type };

  if (failed) {
    // A failed payment on some other session says nothing about this placement's reserve.
    if (placement.reserve?.checkoutSessionId !== session.id) return 'not-applicable';
    const { outcome, placement: current } = await applyProviderEvent(deps, placement.id, actor, recordReservePaymentFailed);
    if (outcome === 'not-applicable') return outcome;
    if (current.reserve?.status !== 'FUNDED') {
      await sendOnce(deps, current, actor, {
        key: effectKeys.paymentFailed(event.id),
        letter: (latest) => reservePaymentFailedLetter(latest, clientLinks(latest, deps.agency, deps.linkKeys).paymentUrl, deps.agency, deps.clock.now()),
      });
    }
    return outcome === 'changed' ? 'payment-failed' : outcome;
  }

  const payment = checkoutPayment(session);
  const price = { amountMinor: deps.agency.reserveAmountMinor, currency: deps.agency.reserveCurrency };
  const { outcome, placement: current } = await applyProviderEvent(deps, placement.id, actor, (latest, stamp) => {
    const refusal = whyNotTheReserve(latest, payment, price);
    if (refusal !== undefined) return recordReservePaymentRefused(latest, payment, refusal, stamp);
    const fundedAt = new Date(Math.min(event.created * 1000, Date.parse(stamp.at))).toISOString();
    return recordReserveFunded(latest, fundedAt, stamp, session.payment_intent ?? undefined);
  });
  if (outcome === 'not-applicable') return outcome;

  // Decided again on the placement as it stands, so a retried delivery completes what the first began.
  const refusal = whyNotTheReserve(current, payment, price);
  if (refusal !== undefined) {
    logger.warn('A paid checkout was not taken as the reserve', { eventType: event.type, reason: refusal });
    await tellCustomerServiceOnce(deps, current, actor, effectKeys.reservePaymentRefused(event.id), (latest) =>
      reservePaymentRefusedNoticeLetter(latest, payment, refusal, deps.agency),
    );
    return outcome === 'changed' ? 'payment-refused' : outcome;
  }
  await endWait(deps, current, 'paperwork');
  return outcome === 'changed' ? 'reserve-funded' : outcome;
}

function checkoutPayment(session: CheckoutSession): CheckoutPayment {
  return {
    checkoutSessionId: session.id,
    ...(session.mode ? { mode: session.mode } : {}),
    ...(typeof session.amount_total === 'number' ? { amountMinor: session.amount_total } : {}),
    ...(session.currency ? { currency: session.currency } : {}),
    ...(session.client_reference_id ? { clientReference: session.client_reference_id } : {}),
  };
}

/**
 * By the session, which the pointer item knows; only a session we never opened falls back to the
 * placement its client_reference_id names, so that the payment is recorded there and refused.
 */
async function findCheckoutPlacement(deps: ProviderEventDeps, session: CheckoutSession): Promise<Placement | undefined> {
  const bySession = await deps.placements.findByCheckoutSessionId(session.id);
  if (bySession !== undefined) return bySession;
  return session.client_reference_id ? deps.placements.get(session.client_reference_id) : undefined;
}

/** A refund or dispute of the reserve's payment: recorded once, the placement flagged, Customer Service told once. */
async function handleReversal(deps: ProviderEventDeps, event: BillingEvent, reversal: ReserveReversal | undefined): Promise<EventOutcome> {
  const placement = reversal === undefined ? undefined : await deps.placements.findByPaymentIntentId(reversal.paymentIntentId);
  if (reversal === undefined || placement === undefined) {
    logger.info('Billing event for a payment we do not know', { eventType: event.type });
    return 'unknown-placement';
  }
  logger.appendKeys({ placementId: placement.id });
  const actor: Actor = { kind: 'provider', provider: 'billing', eventId: event.id, eventType: event.type };
  const { outcome, placement: current } = await applyProviderEvent(deps, placement.id, actor, (latest, stamp) =>
    recordReserveReversed(latest, reversal, stamp),
  );
  if (outcome === 'not-applicable') return outcome;
  const key = reversal.kind === 'refund' ? effectKeys.reserveRefunded(event.id) : effectKeys.reserveDisputed(event.id);
  await tellCustomerServiceOnce(deps, current, actor, key, (latest) => reserveReversedNoticeLetter(latest, reversal, deps.agency));
  if (outcome !== 'changed') return outcome;
  return reversal.kind === 'refund' ? 'reserve-refunded' : 'reserve-disputed';
}

/** The object of an event we act on, or InvalidInput (a 400) naming what is wrong with it. */
function readObject<T extends z.ZodMiniType>(schema: T, object: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(object);
  if (!parsed.success) throw new InvalidInput(`The ${what} in the billing event is not valid.`, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Tells Customer Service once however many deliveries of an event run at the same time. Unlike
 * sendOnce (send, then record), the notice is recorded first: the placement's version lets only one
 * delivery record it, and that one sends. If sending fails the record is withdrawn, so the provider's
 * retry sends it; only a crash between the two loses the notice, and the history still shows the event.
 */
async function tellCustomerServiceOnce(
  deps: ProviderEventDeps,
  placement: Placement,
  by: Actor,
  key: string,
  letter: (placement: Placement) => RenderedEmail,
): Promise<void> {
  if (effectDone(placement, key)) return;
  const email = letter(placement);
  const { changed } = await changePlacement(deps.placements, placement.id, (current) =>
    recordEffect(current, key, 'EMAIL_SENT', { at: deps.clock.now(), by }, { to: email.to.length }),
  );
  if (!changed) return;
  try {
    await deps.mailer.send({ ...email, placementId: placement.id });
  } catch (error) {
    await withdrawEffect(deps, placement.id, key).catch((withdrawError: unknown) =>
      logger.error('Could not withdraw the record of a notice that did not go', { key, error: withdrawError }),
    );
    throw error;
  }
}

async function withdrawEffect(deps: ProviderEventDeps, placementId: string, key: string): Promise<void> {
  for (;;) {
    const current = await deps.placements.get(placementId);
    if (current === undefined || !effectDone(current, key)) return;
    const { [key]: _withdrawn, ...effects } = current.effects ?? {};
    try {
      await deps.placements.save({ ...current, effects }, [], current);
      return;
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
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
