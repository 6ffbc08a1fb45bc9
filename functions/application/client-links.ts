import { timingSafeEqual } from 'node:crypto';
import type { Allowances, BillingProvider, ClientLinkKeys, Clock, ContractProvider, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { NotFound } from '../domain/errors';
import { canTalkToMentors, freshSigningSession, isFinished, recordReserveRequested, recordSigningSessionOpened, type Placement } from '../domain/placement';
import type { RelationshipPhase, ReviewAnswer } from '../domain/schemas';
import { changePlacement } from './change-placement';

/**
 * The links in the client's emails point at us, not at the providers: DocuSign signing sessions are
 * single-use and expire within minutes, checkout sessions within a day, and a client may open the
 * email days later. Following a link opens a fresh provider session and redirects to it.
 */

export type ClientDocument = 'contract' | 'reserve' | 'talk-to-us';

/** The placement's link key: derived from its id; placements recorded before keys were derived keep their stored one. */
function linkKeyOf(placement: Pick<Placement, 'id' | 'clientLinkKey'>, linkKeys: ClientLinkKeys): string {
  return placement.clientLinkKey ?? linkKeys.keyFor(placement.id);
}

export function clientLinks(placement: Pick<Placement, 'id' | 'clientLinkKey'>, agency: Pick<AgencyConfig, 'publicBaseUrl'>, linkKeys: ClientLinkKeys) {
  const key = linkKeyOf(placement, linkKeys);
  const base = `${agency.publicBaseUrl}/links/${encodeURIComponent(placement.id)}`;
  const link = (document: ClientDocument) => `${base}/${document}?key=${encodeURIComponent(key)}`;
  return {
    signingUrl: link('contract'),
    paymentUrl: link('reserve'),
    talkToUsUrl: link('talk-to-us'),
    /** One link per answer: a click records it, no login. */
    checkInAnswerUrl: (checkIn: number, answer: ReviewAnswer) => `${base}/check-ins/${checkIn}?answer=${answer}&key=${encodeURIComponent(key)}`,
    /** The page that offers the next phase; its button accepts. */
    phaseUrl: (phase: RelationshipPhase) => `${base}/phase/${phase}?key=${encodeURIComponent(key)}`,
  };
}

/** The placement a client's link names, if the key is its own; a wrong key looks like an unknown placement. */
export async function placementForClientLink(
  placements: Pick<PlacementRepository, 'get'>,
  linkKeys: ClientLinkKeys,
  placementId: string,
  key: string,
): Promise<Placement> {
  const placement = await placements.get(placementId);
  if (placement === undefined || !keyMatches(linkKeyOf(placement, linkKeys), key)) throw new NotFound('This link is not valid.', { reason: 'UNKNOWN_LINK' });
  return placement;
}

export interface ClientLinkDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  contracts: ContractProvider;
  billing: BillingProvider;
  allowances: Allowances;
  linkKeys: ClientLinkKeys;
  agency: Pick<AgencyConfig, 'publicBaseUrl' | 'reserveAmountMinor' | 'reserveCurrency'>;
  clock: Clock;
}

/** Where following the link leads: the provider's page, the "Talk to us" form, or a short note. */
export type LinkOutcome =
  | { redirectTo: string }
  /** `cancelled` and `closed`: the placement is over (cancelled; or not certified, or started) and the link has nothing left to open. */
  | { note: 'signed' | 'funded' | 'cancelled' | 'closed' | 'not-started' }
  /** The "Talk to us" form, which names the client's VE. */
  | { form: 'talk-to-us'; veName: string }
  /** The link was followed too often in the last minutes (a scanner, a loop): try again from `tryAgainAt`. */
  | { busy: true; tryAgainAt: string };

/** Visits of one placement's links in a ten-minute window: a person needs a few, a loop thousands. */
export const linkVisitsPerWindow = 30;
const visitWindowMs = 10 * 60_000;

/** A checkout still open for this long is reused; an older one is replaced before the client gets there. */
const checkoutMarginMs = 30 * 60_000;

function keyMatches(expectedKey: string, key: string): boolean {
  const expected = Buffer.from(expectedKey);
  const given = Buffer.from(key);
  return expected.length > 0 && expected.length === given.length && timingSafeEqual(expected, given);
}

export async function followClientLink(deps: ClientLinkDeps, placementId: string, document: ClientDocument, key: string): Promise<LinkOutcome> {
  const placement = await placementForClientLink(deps.placements, deps.linkKeys, placementId, key);
  const now = Date.parse(deps.clock.now());
  const windowStart = Math.floor(now / visitWindowMs) * visitWindowMs;
  if (!(await deps.allowances.take(placementId, `links#${new Date(windowStart).toISOString()}`, linkVisitsPerWindow))) {
    return { busy: true, tryAgainAt: new Date(windowStart + visitWindowMs).toISOString() };
  }
  if (placement.status === 'CANCELLED') return { note: 'cancelled' };
  if (document === 'talk-to-us') return canTalkToMentors(placement) ? { form: 'talk-to-us', veName: placement.candidate.name } : { note: 'not-started' };
  if (isFinished(placement.status)) return { note: 'closed' };
  const returnUrl = `${deps.agency.publicBaseUrl}/links/${encodeURIComponent(placementId)}/${document}?done=1`;

  if (document === 'contract') {
    if (placement.contract === undefined) throw new NotFound('The contract is not ready yet.', { reason: 'NOT_READY' });
    if (placement.contract.status === 'SIGNED') return { note: 'signed' };
    const reusable = freshSigningSession(placement, deps.clock.now());
    if (reusable !== undefined) return { redirectTo: reusable };
    const { envelopeId } = placement.contract;
    const url = await deps.contracts.signingUrl({
      envelopeId,
      placementId,
      signer: { name: placement.client.name, email: placement.client.email },
      returnUrl,
    });
    await changePlacement(deps.placements, placementId, (current) =>
      recordSigningSessionOpened(current, envelopeId, url, { at: deps.clock.now(), by: { kind: 'system', component: 'client-links' } }),
    );
    return { redirectTo: url };
  }

  if (placement.reserve?.status === 'FUNDED') return { note: 'funded' };
  const { paymentUrl, paymentUrlExpiresAt } = placement.reserve ?? {};
  if (paymentUrl !== undefined && paymentUrlExpiresAt !== undefined && Date.parse(paymentUrlExpiresAt) - checkoutMarginMs > now) {
    return { redirectTo: paymentUrl };
  }
  const reopened = await openReserveCheckout(deps, placement, `link-${Math.floor(now / 3_600_000)}`);
  return { redirectTo: reopened.reserve?.paymentUrl ?? `${deps.agency.publicBaseUrl}/` };
}

/** Opens a checkout session for the reserve and records it (the webhook finds the placement by either id). */
export async function openReserveCheckout(
  deps: Pick<ClientLinkDeps, 'placements' | 'billing' | 'agency' | 'clock'>,
  placement: Placement,
  attempt: string,
): Promise<Placement> {
  const checkout = await deps.billing.openReserveCheckout({
    placementId: placement.id,
    clientEmail: placement.client.email,
    description: `Billing reserve: ${placement.candidate.name} for ${placement.client.company}`,
    amountMinor: deps.agency.reserveAmountMinor,
    currency: deps.agency.reserveCurrency,
    returnUrl: `${deps.agency.publicBaseUrl}/links/${encodeURIComponent(placement.id)}/reserve?done=1`,
    idempotencyKey: `reserve-${placement.id}-${attempt}`,
  });
  const { placement: saved } = await changePlacement(deps.placements, placement.id, (current) =>
    recordReserveRequested(
      current,
      checkout.checkoutSessionId,
      { at: deps.clock.now(), by: { kind: 'system', component: 'client-links' } },
      { url: checkout.paymentUrl, expiresAt: checkout.expiresAt },
    ),
  );
  return saved;
}
