import type { HistoryEntry, Placement, PlacementStatus, StaffToken } from './schemas';

/** What the domain needs from storage; the DynamoDB adapter implements it, tests may fake it. */

export interface PageRequest {
  limit?: number;
  /** Opaque: the `nextToken` of the previous page. A token that is not one is InvalidInput. */
  nextToken?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PlacementWithHistory {
  placement: Placement;
  /** Oldest first. */
  history: HistoryEntry[];
}

export interface PlacementRepository {
  /** Stores a new placement (version 1) and its first history entries. Conflict if the id exists. */
  create(placement: Placement, entries: HistoryEntry[]): Promise<Placement>;

  /**
   * Saves `placement` over the version it was read at and appends `entries`; returns it with the new version.
   * Conflict (`details.reason: 'STALE_VERSION'`) if someone else saved first: read again and retry.
   * Also records the provider-id lookups (envelope, checkout session, certificate) the placement now has.
   */
  save(placement: Placement, entries: HistoryEntry[]): Promise<Placement>;

  /**
   * Appends history entries. An entry caused by a provider event is stored once per (provider, event
   * id, what): a replay is reported in `duplicates` and not written again.
   */
  appendHistory(entries: HistoryEntry[]): Promise<{ recorded: HistoryEntry[]; duplicates: HistoryEntry[] }>;

  /** Whether this provider event was already recorded for the placement (a replayed webhook). */
  hasProviderEvent(placementId: string, provider: 'docusign' | 'billing', eventId: string): Promise<boolean>;

  /** Strongly consistent. */
  get(id: string): Promise<Placement | undefined>;
  getWithHistory(id: string): Promise<PlacementWithHistory | undefined>;

  /** Strongly consistent lookups through pointer items: safe right after the id was saved. */
  findByEnvelopeId(envelopeId: string): Promise<Placement | undefined>;
  findByCheckoutSessionId(checkoutSessionId: string): Promise<Placement | undefined>;
  findByCertificateId(certificateId: string): Promise<Placement | undefined>;

  /** The client's placements (by client email), newest first; eventually consistent. */
  listByClient(clientEmail: string): Promise<Placement[]>;

  /** Staff listings, oldest first; eventually consistent. */
  listByStatus(status: PlacementStatus, page?: PageRequest): Promise<Page<Placement>>;
  listByCertificationWeek(certificationWeek: string, page?: PageRequest): Promise<Page<Placement>>;
}

export interface StaffTokenRepository {
  /** Conflict if a token with this hash exists. */
  putStaffToken(token: StaffToken): Promise<void>;
  getStaffToken(tokenHash: string): Promise<StaffToken | undefined>;
  listStaffTokens(page?: PageRequest): Promise<Page<StaffToken>>;
  /** NotFound if there is no such token; revoking twice keeps the first revocation time. */
  revokeStaffToken(tokenHash: string, revokedAt: string): Promise<StaffToken>;
}

/** What an Idempotency-Key was first used for: the request's fingerprint and the placement it made. */
export interface IdempotencyRecord {
  fingerprint: string;
  placementId: string;
}

export interface IdempotencyStore {
  /** Claims the key for this request, or returns what first claimed it. */
  claimIdempotencyKey(key: string, record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
}
