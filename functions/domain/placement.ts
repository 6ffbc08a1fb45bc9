import type { AgencyConfig } from './agency-config';
import { planTimeline, replanAfterPaperwork, type CalendarConfig } from './calendar';
import { revokeCertificate } from './certificate-revocation';
import { effectDone } from './effects';
import { Conflict } from './errors';
import type {
  Actor,
  LifecycleWait,
  CreatePlacementRequest,
  HistoryEntry,
  HistoryEvent,
  Instant,
  Placement,
  PlacementStatus,
} from './schemas';

export type { Actor, HistoryEntry, Instant, Placement, PlacementStatus } from './schemas';
import { placementStatuses } from './schemas';

export { placementStatuses };

/**
 * The placement and the rules of its lifecycle. Every operation is pure: it takes the placement and
 * returns the changed placement plus the history entries to append. No entries means nothing changed
 * (a replayed event, a repeated call), so callers can treat repeats as done.
 */

export interface Change {
  placement: Placement;
  entries: HistoryEntry[];
}

/** When something happened and who or what did it. */
export interface Stamp {
  at: Instant;
  by: Actor;
}

const allowedTransitions: Record<PlacementStatus, readonly PlacementStatus[]> = {
  SELECTED: ['AWAITING_ONBOARDING', 'CANCELLED'],
  AWAITING_ONBOARDING: ['READY', 'CANCELLED'],
  READY: ['IN_CERTIFICATION', 'CANCELLED'],
  IN_CERTIFICATION: ['EXAM', 'CANCELLED'],
  EXAM: ['CERTIFIED', 'NOT_CERTIFIED', 'CANCELLED'],
  CERTIFIED: ['ACTIVE', 'CANCELLED'],
  ACTIVE: [],
  NOT_CERTIFIED: [],
  CANCELLED: [],
};

export function canTransition(from: PlacementStatus, to: PlacementStatus): boolean {
  return allowedTransitions[from].includes(to);
}

export function isFinished(status: PlacementStatus): boolean {
  return allowedTransitions[status].length === 0;
}

/** The statuses the lifecycle still has work in: every one it can move on from. */
export const inFlightStatuses: readonly PlacementStatus[] = placementStatuses.filter((status) => !isFinished(status));

/** The error for a move the lifecycle does not allow: a 409, never a silent overwrite. */
export function illegalTransition(placement: Placement, to: PlacementStatus): Conflict {
  return new Conflict(`A placement in status ${placement.status} cannot move to ${to}.`, {
    reason: 'ILLEGAL_TRANSITION',
    placementId: placement.id,
    from: placement.status,
    to,
  });
}

function entry(
  placement: Placement,
  what: HistoryEvent,
  stamp: Stamp,
  extra: Pick<HistoryEntry, 'fromStatus' | 'toStatus' | 'details'> = {},
): HistoryEntry {
  return { placementId: placement.id, at: stamp.at, what, by: stamp.by, ...extra };
}

function touched(placement: Placement, stamp: Stamp, changes: Partial<Placement>): Placement {
  return { ...placement, ...changes, updatedAt: stamp.at };
}

/** A new placement from the staff's record of a selection; its whole timeline planned at once. */
export function recordSelection(
  request: CreatePlacementRequest,
  options: { id: string; stamp: Stamp; config: CalendarConfig },
): Change {
  const { id, stamp, config } = options;
  const selectedAt = request.selectedAt ?? stamp.at;
  const placement: Placement = {
    id,
    version: 1,
    status: 'SELECTED',
    client: request.client,
    candidate: request.candidate,
    interviewAt: request.interviewAt,
    selectedAt,
    createdAt: stamp.at,
    updatedAt: stamp.at,
    timeline: planTimeline(
      { selectedAt, interviewAt: request.interviewAt, clientTimezone: request.client.timezone },
      config,
      stamp.at,
    ),
  };
  return { placement, entries: [entry(placement, 'SELECTION_RECORDED', stamp, { toStatus: 'SELECTED' })] };
}

/** Moves the placement to `to`, or throws Conflict if the lifecycle does not allow it. */
export function changeStatus(placement: Placement, to: PlacementStatus, stamp: Stamp): Change {
  if (!canTransition(placement.status, to)) throw illegalTransition(placement, to);
  const changed = touched(placement, stamp, { status: to });
  return {
    placement: changed,
    entries: [entry(placement, 'STATUS_CHANGED', stamp, { fromStatus: placement.status, toStatus: to })],
  };
}

/** Both pieces of paperwork the certification week needs. */
export function paperworkDone(placement: Placement): boolean {
  return placement.contract?.status === 'SIGNED' && placement.reserve?.status === 'FUNDED';
}

/** READY as soon as the onboarding is underway and both pieces of paperwork are done. */
function readyIfPaperworkDone(placement: Placement): Pick<HistoryEntry, 'fromStatus' | 'toStatus'> & { status?: PlacementStatus } {
  if (placement.status === 'AWAITING_ONBOARDING' && paperworkDone(placement)) {
    return { status: 'READY', fromStatus: 'AWAITING_ONBOARDING', toStatus: 'READY' };
  }
  return {};
}

function assertOpen(placement: Placement, action: string): void {
  if (isFinished(placement.status)) {
    throw new Conflict(`Cannot ${action}: the placement is ${placement.status}.`, {
      reason: 'PLACEMENT_FINISHED',
      placementId: placement.id,
      status: placement.status,
    });
  }
}

/** The DocuSign envelope was created for this placement. */
export function recordContractSent(placement: Placement, envelopeId: string, stamp: Stamp): Change {
  if (placement.contract?.envelopeId === envelopeId) return { placement, entries: [] };
  assertOpen(placement, 'send a contract');
  const contract = { envelopeId, status: 'SENT' as const, sentAt: stamp.at };
  const changed = touched(placement, stamp, { contract });
  return { placement: changed, entries: [entry(placement, 'CONTRACT_SENT', stamp, { details: { envelopeId } })] };
}

/** DocuSign recipient views are valid for five minutes: one opened this recently is handed out again. */
export const signingSessionReuseMs = 4 * 60_000;

/** The signing session the contract link may hand out again, if one was opened in the last few minutes. */
export function freshSigningSession(placement: Placement, now: Instant): string | undefined {
  const session = placement.contract?.signingSession;
  if (session === undefined) return undefined;
  const age = Date.parse(now) - Date.parse(session.openedAt);
  return age >= 0 && age < signingSessionReuseMs ? session.url : undefined;
}

/** The client's link opened a signing session for the contract as it stands. */
export function recordSigningSessionOpened(placement: Placement, envelopeId: string, url: string, stamp: Stamp): Change {
  const contract = placement.contract;
  if (contract === undefined || contract.envelopeId !== envelopeId) return { placement, entries: [] };
  const changed = touched(placement, stamp, { contract: { ...contract, signingSession: { url, openedAt: stamp.at } } });
  return { placement: changed, entries: [entry(placement, 'SIGNING_SESSION_OPENED', stamp, { details: { envelopeId } })] };
}

/** A billing checkout session was opened for the reserve (a new one replaces an expired one). */
export function recordReserveRequested(
  placement: Placement,
  checkoutSessionId: string,
  stamp: Stamp,
  payment?: { url: string; expiresAt: string },
): Change {
  if (placement.reserve?.status === 'FUNDED' || placement.reserve?.checkoutSessionId === checkoutSessionId) {
    return { placement, entries: [] };
  }
  assertOpen(placement, 'request the reserve');
  const reserve = {
    status: 'AWAITING_PAYMENT' as const,
    checkoutSessionId,
    ...(payment === undefined ? {} : { paymentUrl: payment.url, paymentUrlExpiresAt: payment.expiresAt }),
  };
  const changed = touched(placement, stamp, { reserve });
  return {
    placement: changed,
    entries: [entry(placement, 'RESERVE_REQUESTED', stamp, { details: { checkoutSessionId } })],
  };
}

/** Placements whose funded reserve was never used for a VE's work: it belongs to the client's next placement. */
const reserveCarriesOverFrom: readonly PlacementStatus[] = ['NOT_CERTIFIED', 'CANCELLED'];

/** The client's funded reserve from a placement that did not certify (or was cancelled) carries over: no second funding. */
export function carryOverReserve(placement: Placement, previous: Placement, stamp: Stamp): Change {
  if (placement.reserve?.status === 'FUNDED') return { placement, entries: [] };
  const previousReserve = previous.reserve;
  if (
    !reserveCarriesOverFrom.includes(previous.status) ||
    previousReserve?.status !== 'FUNDED' ||
    previousReserve.fundedAt === undefined ||
    moneyGivenBack(previousReserve)
  ) {
    throw new Conflict('Only a funded reserve, neither refunded nor disputed, of a placement that did not certify or was cancelled can carry over.', {
      reason: 'RESERVE_NOT_CARRIABLE',
      placementId: placement.id,
      previousPlacementId: previous.id,
    });
  }
  const changed = touched(placement, stamp, {
    reserve: {
      status: 'FUNDED',
      fundedAt: stamp.at,
      carriedOverFrom: previous.id,
    },
  });
  return {
    placement: changed,
    entries: [entry(placement, 'RESERVE_CARRIED_OVER', stamp, { details: { carriedOverFrom: previous.id } })],
  };
}

/** Whether the provider reported money of this reserve refunded or disputed. */
function moneyGivenBack(reserve: Placement['reserve']): boolean {
  return reserve?.refundedAt !== undefined || reserve?.disputedAt !== undefined;
}

/** Whether the money behind this reserve went back: on it, or on the earlier reserve it was carried over from. */
function reserveMoneyGivenBack(placement: Placement, clientPlacements: Placement[]): boolean {
  const byId = new Map(clientPlacements.map((other) => [other.id, other]));
  const seen = new Set<string>();
  for (let current: Placement | undefined = placement; current !== undefined && !seen.has(current.id); ) {
    if (moneyGivenBack(current.reserve)) return true;
    seen.add(current.id);
    const from: string | undefined = current.reserve?.carriedOverFrom;
    current = from === undefined ? undefined : byId.get(from);
  }
  return false;
}

/** Among the client's other placements, the one whose funded reserve this placement may reuse. */
export function reserveToCarryOver(placement: Placement, clientPlacements: Placement[]): Placement | undefined {
  const alreadyReused = new Set(clientPlacements.map((other) => other.reserve?.carriedOverFrom).filter((id) => id !== undefined));
  return clientPlacements
    .filter((other) => other.id !== placement.id && reserveCarriesOverFrom.includes(other.status))
    .filter((other) => other.reserve?.status === 'FUNDED' && !alreadyReused.has(other.id))
    .filter((other) => !reserveMoneyGivenBack(other, clientPlacements))
    .sort((a, b) => a.id.localeCompare(b.id))
    .at(-1);
}

/** The onboarding email (contract and reserve links) went out; first time moves SELECTED → AWAITING_ONBOARDING. */
export function recordLinksSent(placement: Placement, stamp: Stamp): Change {
  assertOpen(placement, 'send the onboarding links');
  if (placement.status === 'SELECTED') {
    const awaiting = touched(placement, stamp, { status: 'AWAITING_ONBOARDING' });
    const sent = entry(placement, 'LINKS_SENT', stamp, { fromStatus: 'SELECTED', toStatus: 'AWAITING_ONBOARDING' });
    if (!paperworkDone(awaiting)) return { placement: awaiting, entries: [sent] };
    // The client signed and paid before the email was due (a resent link, a fast client): READY at once.
    const ready = touched(awaiting, stamp, { status: 'READY' });
    return {
      placement: ready,
      entries: [sent, entry(awaiting, 'STATUS_CHANGED', stamp, { fromStatus: 'AWAITING_ONBOARDING', toStatus: 'READY' })],
    };
  }
  return { placement: touched(placement, stamp, {}), entries: [entry(placement, 'LINKS_SENT', stamp)] };
}

export function recordReminderSent(placement: Placement, reminderNumber: number, stamp: Stamp): Change {
  return {
    placement: touched(placement, stamp, {}),
    entries: [entry(placement, 'REMINDER_SENT', stamp, { details: { reminderNumber } })],
  };
}

/** DocuSign says the envelope is completed. A replay changes nothing; a late signature is still recorded. */
export function recordContractSigned(placement: Placement, signedAt: Instant, stamp: Stamp): Change {
  const contract = placement.contract;
  if (contract === undefined) {
    throw new Conflict('No contract was sent for this placement.', { reason: 'NO_CONTRACT', placementId: placement.id });
  }
  if (contract.status === 'SIGNED') return { placement, entries: [] };
  const signed = { ...placement, contract: { ...contract, status: 'SIGNED' as const, signedAt } };
  const { status, ...statusChange } = readyIfPaperworkDone(signed);
  const changed = touched(signed, stamp, status === undefined ? {} : { status });
  return { placement: changed, entries: [entry(placement, 'CONTRACT_SIGNED', stamp, { ...statusChange, details: { signedAt } })] };
}

/** The client declined the contract or it was voided: the placement is cancelled with that reason. */
export function recordContractRefused(placement: Placement, outcome: 'DECLINED' | 'VOIDED', stamp: Stamp): Change {
  const contract = placement.contract;
  if (contract === undefined) {
    throw new Conflict('No contract was sent for this placement.', { reason: 'NO_CONTRACT', placementId: placement.id });
  }
  if (contract.status === outcome || placement.status === 'CANCELLED') return { placement, entries: [] };
  if (!canTransition(placement.status, 'CANCELLED')) throw illegalTransition(placement, 'CANCELLED');
  const reason = outcome === 'DECLINED' ? 'The client declined the contract.' : 'The contract envelope was voided.';
  const changed = touched(placement, stamp, {
    status: 'CANCELLED',
    contract: { ...contract, status: outcome },
    cancellation: { reason, cancelledAt: stamp.at },
  });
  return {
    placement: changed,
    entries: [
      entry(placement, 'CONTRACT_REFUSED', stamp, {
        fromStatus: placement.status,
        toStatus: 'CANCELLED',
        details: { outcome, reason },
      }),
    ],
  };
}

/**
 * The billing provider says the reserve is paid. A replay changes nothing. Money received is recorded
 * whatever the status (a cancelled placement's reserve can still carry over); only AWAITING_ONBOARDING moves to READY.
 */
export function recordReserveFunded(placement: Placement, fundedAt: Instant, stamp: Stamp, paymentIntentId?: string): Change {
  if (placement.reserve?.status === 'FUNDED') return { placement, entries: [] };
  const details: { fundedAt: Instant; paymentIntentId?: string } = paymentIntentId === undefined ? { fundedAt } : { fundedAt, paymentIntentId };
  const funded = { ...placement, reserve: { ...placement.reserve, status: 'FUNDED' as const, ...details } };
  const { status, ...statusChange } = readyIfPaperworkDone(funded);
  const changed = touched(funded, stamp, status === undefined ? {} : { status });
  return { placement: changed, entries: [entry(placement, 'RESERVE_FUNDED', stamp, { ...statusChange, details })] };
}

/** The agency's reserve, as a payment must match it: its amount in minor units, and its currency. */
export interface ReservePrice {
  amountMinor: number;
  currency: string;
}

/** A paid checkout as the billing provider reports it; what it left out is undefined. */
export interface CheckoutPayment {
  checkoutSessionId: string;
  mode?: string;
  amountMinor?: number;
  currency?: string;
  /** The placement the checkout says it is for: a hint, never the authority. */
  clientReference?: string;
}

/** Why a paid checkout is not this placement's reserve, in words for staff; undefined when it is. */
export function whyNotTheReserve(placement: Placement, payment: CheckoutPayment, price: ReservePrice): string | undefined {
  if (placement.reserve?.checkoutSessionId !== payment.checkoutSessionId) return 'It is not the checkout session opened for this placement.';
  if (payment.clientReference !== undefined && payment.clientReference !== placement.id) {
    return 'Its client reference names another placement.';
  }
  if (payment.mode !== 'payment') return `It is a checkout in ${payment.mode ?? 'an unstated'} mode, not a one-time payment.`;
  if (payment.currency?.toLowerCase() !== price.currency.toLowerCase()) {
    return `It is in ${payment.currency?.toUpperCase() ?? 'an unstated currency'}, not ${price.currency.toUpperCase()}.`;
  }
  if (payment.amountMinor !== price.amountMinor) {
    return `It is for ${payment.amountMinor ?? 'an unstated amount'} in minor units, not the reserve's ${price.amountMinor}.`;
  }
  return undefined;
}

/** A paid checkout that is not this placement's reserve: recorded with what came and why, and nothing else changes. */
export function recordReservePaymentRefused(placement: Placement, payment: CheckoutPayment, reason: string, stamp: Stamp): Change {
  const details: Record<string, string | number> = { checkoutSessionId: payment.checkoutSessionId, reason };
  if (payment.mode !== undefined) details.mode = payment.mode;
  if (payment.amountMinor !== undefined) details.amountMinor = payment.amountMinor;
  if (payment.currency !== undefined) details.currency = payment.currency;
  return { placement: touched(placement, stamp, {}), entries: [entry(placement, 'RESERVE_PAYMENT_REFUSED', stamp, { details })] };
}

/** What the provider says went back of the reserve's payment: a refund, or a dispute the client opened with their bank. */
export type ReserveReversal =
  | { kind: 'refund'; paymentIntentId: string; chargeId: string; amountMinor: number; currency?: string; fullyRefunded: boolean }
  | { kind: 'dispute'; paymentIntentId: string; disputeId: string; amountMinor: number; currency?: string; reason?: string };

/**
 * The reserve's payment was refunded or disputed: recorded (each provider event once), and the placement
 * flagged for a person, its status unchanged. Such a reserve no longer carries over to the client's next placement.
 */
export function recordReserveReversed(placement: Placement, reversal: ReserveReversal, stamp: Stamp): Change {
  const reserve = placement.reserve;
  if (reserve?.paymentIntentId !== reversal.paymentIntentId) {
    throw new Conflict("The payment is not this placement's reserve payment.", { reason: 'NOT_THE_RESERVE_PAYMENT', placementId: placement.id });
  }
  const { kind, ...facts } = reversal;
  const details: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(facts)) if (value !== undefined) details[name] = value;
  const marked = kind === 'refund' ? { refundedAt: reserve.refundedAt ?? stamp.at } : { disputedAt: reserve.disputedAt ?? stamp.at };
  const recorded: Change = {
    placement: touched(placement, stamp, { reserve: { ...reserve, ...marked } }),
    entries: [entry(placement, kind === 'refund' ? 'RESERVE_REFUNDED' : 'RESERVE_DISPUTED', stamp, { details })],
  };
  const reason = kind === 'refund' ? attentionReasons.reserveRefunded : attentionReasons.reserveDisputed;
  return andThen(recorded, (next) => flagAlsoForAttention(next, reason, stamp));
}

/**
 * Flags the placement, keeping any reason it is already flagged for beside this one. Money trouble
 * and stopped lifecycles outrank the paperwork flag (the status still shows the paperwork is
 * outstanding, and the lifecycle would clear that flag once it is done).
 */
export function flagAlsoForAttention(placement: Placement, reason: string, stamp: Stamp): Change {
  const current = placement.needsAttention;
  if (current === undefined) return flagForAttention(placement, reason, stamp);
  if (current.reason.includes(reason)) return { placement, entries: [] };
  const combined = current.reason === attentionReasons.paperworkNotDone ? reason : `${current.reason} ${reason}`;
  const changed = touched(placement, stamp, { needsAttention: { reason: combined, since: current.since } });
  return { placement: changed, entries: [entry(placement, 'FLAGGED_FOR_ATTENTION', stamp, { details: { reason: combined } })] };
}

/** An asynchronous payment failed: the client will be told and reminded; a funded reserve is never undone. */
export function recordReservePaymentFailed(placement: Placement, stamp: Stamp): Change {
  if (placement.reserve?.status === 'FUNDED' || placement.reserve?.status === 'PAYMENT_FAILED') {
    return { placement, entries: [] };
  }
  assertOpen(placement, 'record a failed payment');
  const changed = touched(placement, stamp, { reserve: { ...placement.reserve, status: 'PAYMENT_FAILED' } });
  return { placement: changed, entries: [entry(placement, 'RESERVE_PAYMENT_FAILED', stamp)] };
}

/** When the paperwork completes after the cutoff, the week moves to the first Monday after it (the client is told). */
export function rescheduleIfLate(placement: Placement, config: CalendarConfig, stamp: Stamp): Change {
  const timeline = replanAfterPaperwork(
    placement.timeline,
    {
      selectedAt: placement.selectedAt,
      clientTimezone: placement.client.timezone,
      ...(placement.contract?.signedAt === undefined ? {} : { contractSignedAt: placement.contract.signedAt }),
      ...(placement.reserve?.fundedAt === undefined ? {} : { reserveFundedAt: placement.reserve.fundedAt }),
    },
    config,
  );
  if (timeline.certificationWeek === placement.timeline.certificationWeek) return { placement, entries: [] };
  const changed = touched(placement, stamp, { timeline });
  return {
    placement: changed,
    entries: [
      entry(placement, 'WEEK_RESCHEDULED', stamp, {
        details: { from: placement.timeline.certificationWeek, to: timeline.certificationWeek },
      }),
    ],
  };
}

/** The proctor's score: only while the placement is at its exam. Pass mark from the agency configuration. */
export function recordExamResult(
  placement: Placement,
  result: { score: number; notes?: string },
  config: Pick<AgencyConfig, 'passMark'>,
  stamp: Stamp,
): Change {
  if (placement.status !== 'EXAM') {
    throw new Conflict(`An exam result can only be recorded while the placement is at its exam (it is ${placement.status}).`, {
      reason: 'NOT_AT_EXAM',
      placementId: placement.id,
      status: placement.status,
    });
  }
  const passed = result.score >= config.passMark;
  const to: PlacementStatus = passed ? 'CERTIFIED' : 'NOT_CERTIFIED';
  const changed = touched(placement, stamp, {
    status: to,
    exam: {
      score: result.score,
      passMark: config.passMark,
      passed,
      recordedAt: stamp.at,
      ...(result.notes === undefined ? {} : { notes: result.notes }),
    },
  });
  return {
    placement: changed,
    entries: [
      entry(placement, 'EXAM_RECORDED', stamp, {
        fromStatus: 'EXAM',
        toStatus: to,
        details: { score: result.score, passMark: config.passMark, passed },
      }),
    ],
  };
}

/** The certificate of a certified VE; issued once. */
export function issueCertificate(placement: Placement, certificateId: string, stamp: Stamp): Change {
  if (placement.certificate !== undefined) return { placement, entries: [] };
  if (placement.status !== 'CERTIFIED') {
    throw new Conflict(`Only a certified placement gets a certificate (it is ${placement.status}).`, {
      reason: 'NOT_CERTIFIED',
      placementId: placement.id,
      status: placement.status,
    });
  }
  const changed = touched(placement, stamp, { certificate: { id: certificateId, issuedAt: stamp.at } });
  return { placement: changed, entries: [entry(placement, 'CERTIFICATE_ISSUED', stamp, { details: { certificateId } })] };
}

/** Cancels with a reason. Cancelling a cancelled placement changes nothing; a finished one cannot be cancelled. */
export function cancelPlacement(placement: Placement, reason: string, stamp: Stamp): Change {
  if (placement.status === 'CANCELLED') return { placement, entries: [] };
  if (!canTransition(placement.status, 'CANCELLED')) throw illegalTransition(placement, 'CANCELLED');
  const changed = touched(placement, stamp, { status: 'CANCELLED', cancellation: { reason, cancelledAt: stamp.at } });
  const cancelled: Change = {
    placement: changed,
    entries: [entry(placement, 'CANCELLED', stamp, { fromStatus: placement.status, toStatus: 'CANCELLED', details: { reason } })],
  };
  // The agency no longer stands behind a certificate of a placement it ended.
  return placement.certificate === undefined
    ? cancelled
    : andThen(cancelled, (next) => revokeCertificate(next, `The placement was cancelled: ${reason}`, stamp));
}

/** Why a placement is flagged for a person; the lifecycle clears the paperwork flag once the paperwork is done. */
export const attentionReasons = {
  paperworkNotDone: 'The client has not completed the paperwork after the last reminder.',
  lifecycleStopped: (cause: string) => `The lifecycle stopped: ${cause}`,
  reserveRefunded: 'The billing provider refunded money of the billing reserve payment.',
  reserveDisputed: "The client disputed the billing reserve payment with their bank.",
} as const;

/** Flags the placement for staff attention without changing its status; the first reason is kept. */
export function flagForAttention(placement: Placement, reason: string, stamp: Stamp): Change {
  if (placement.needsAttention !== undefined) return { placement, entries: [] };
  const changed = touched(placement, stamp, { needsAttention: { reason, since: stamp.at } });
  return { placement: changed, entries: [entry(placement, 'FLAGGED_FOR_ATTENTION', stamp, { details: { reason } })] };
}

export function clearAttention(placement: Placement, stamp: Stamp): Change {
  if (placement.needsAttention === undefined) return { placement, entries: [] };
  const { needsAttention: _cleared, ...rest } = placement;
  return { placement: { ...rest, updatedAt: stamp.at }, entries: [entry(placement, 'ATTENTION_CLEARED', stamp)] };
}

/**
 * The lifecycle is waiting for people (paperwork, the exam result) under `taskToken`; whoever completes
 * the wait resumes it with that token. Registering the same token again changes nothing.
 */
export function awaitInLifecycle(placement: Placement, waitingFor: LifecycleWait, taskToken: string, stamp: Stamp): Change {
  if (placement.lifecycle?.taskToken === taskToken && placement.lifecycle.waitingFor === waitingFor) return { placement, entries: [] };
  const changed = touched(placement, stamp, { lifecycle: { ...placement.lifecycle, waitingFor, taskToken } });
  return { placement: changed, entries: [entry(placement, 'LIFECYCLE_WAITING', stamp, { details: { waitingFor } })] };
}

/** Whether what the lifecycle waits for has already happened (it may well have, before the wait began). */
export function waitIsOver(placement: Placement, waitingFor: LifecycleWait): boolean {
  if (isFinished(placement.status)) return true;
  return waitingFor === 'paperwork' ? paperworkDone(placement) : placement.exam !== undefined;
}

/** Where a client can open a case with the mentor team: once the VE is certified, while they work together. */
export function canTalkToMentors(placement: Pick<Placement, 'status'>): boolean {
  return placement.status === 'CERTIFIED' || placement.status === 'ACTIVE';
}

/** "Talk to us" is open to this placement's client: once the VE is certified. */
export function checkMentorsTakeCases(placement: Placement): void {
  if (!canTalkToMentors(placement)) {
    throw new Conflict(`The mentor team takes cases once the VE is certified (the placement is ${placement.status}); Customer Service can help before.`, {
      reason: 'NOT_STARTED',
      status: placement.status,
    });
  }
}

/** The history notes that a case was opened; what the client wrote stays on the case. */
export function mentorCaseOpenedEntry(placement: Placement, caseId: string, stamp: Stamp): HistoryEntry {
  return entry(placement, 'CASE_OPENED', stamp, { details: { caseId } });
}

export function recordEffect(
  placement: Placement,
  key: string,
  what: 'EMAIL_SENT' | 'SESSION_HELD',
  stamp: Stamp,
  details: Record<string, string | number | boolean> = {},
): Change {
  if (effectDone(placement, key)) return { placement, entries: [] };
  const changed = touched(placement, stamp, { effects: { ...placement.effects, [key]: stamp.at } });
  return { placement: changed, entries: [entry(placement, what, stamp, { details: { key, ...details } })] };
}

/** Two decisions as one change: the second sees the first's placement; their entries are kept in order. */
export function andThen(first: Change, second: (placement: Placement) => Change): Change {
  const next = second(first.placement);
  return { placement: next.placement, entries: [...first.entries, ...next.entries] };
}

/** The execution now driving this placement, so a cancellation can stop it. */
export function recordExecution(placement: Placement, executionArn: string, stamp: Stamp): Change {
  if (placement.lifecycle?.executionArn === executionArn) return { placement, entries: [] };
  const { taskToken: _stale, waitingFor: _was, ...rest } = placement.lifecycle ?? {};
  const changed = touched(placement, stamp, { lifecycle: { ...rest, executionArn } });
  return { placement: changed, entries: [entry(placement, 'LIFECYCLE_STARTED', stamp, { details: { executionArn } })] };
}

/** History in the order it happened (ties kept in the order given). */
export function chronological(history: HistoryEntry[]): HistoryEntry[] {
  return history
    .map((item, index) => ({ item, index, time: Date.parse(item.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ item }) => item);
}
