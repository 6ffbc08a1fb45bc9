import type { MentorCase, MentorCaseStatus } from '../domain/mentor-cases';
import type { HistoryEntry, Instant, Placement, PlacementStatus, StaffToken } from '../domain/schemas';
import type { StaffSession } from '../domain/staff-sessions';

/**
 * What the use cases need from the world outside, in one place: storage, the clock, email, the
 * lifecycle's workflow engine and the two providers. Adapters implement these; tests may fake them.
 */

// --- The clock ---

/** The service clock, passed in so that the rules never read the time themselves. */
export interface Clock {
  now(): Instant;
}

// --- Storage ---

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
  /** Oldest first: the first page of it. */
  history: HistoryEntry[];
  /** Present when there is more history: pass it to `listHistory`. */
  historyNextToken?: string;
}

export interface PlacementRepository {
  /** Stores a new placement (version 1) and its first history entries. Conflict if the id exists. */
  create(placement: Placement, entries: HistoryEntry[]): Promise<Placement>;

  /**
   * Saves `placement` over the version it was read at and appends `entries`; returns it with the new version.
   * StaleVersion (a Conflict) if someone else saved first: read again and retry.
   * Also records the provider-id lookups (envelope, checkout session, reserve payment, certificate) the placement now has;
   * given the placement as it was read, only those it has gained (a lookup, once recorded, stays).
   */
  save(placement: Placement, entries: HistoryEntry[], read?: Placement): Promise<Placement>;

  /**
   * Appends history entries. An entry caused by a provider event is stored once per (provider, event
   * id, what): a replay is reported in `duplicates` and not written again.
   */
  appendHistory(entries: HistoryEntry[]): Promise<{ recorded: HistoryEntry[]; duplicates: HistoryEntry[] }>;

  /** Whether this provider event was already recorded for the placement (a replayed webhook). */
  hasProviderEvent(placementId: string, provider: 'docusign' | 'billing', eventId: string): Promise<boolean>;

  /** Strongly consistent. */
  get(id: string): Promise<Placement | undefined>;
  /** The placement with the first page of its history (oldest first). */
  getWithHistory(id: string, historyPage?: PageRequest): Promise<PlacementWithHistory | undefined>;
  /** A placement's history, oldest first, a page at a time. */
  listHistory(placementId: string, page?: PageRequest): Promise<Page<HistoryEntry>>;

  /** Strongly consistent lookups through pointer items: safe right after the id was saved. */
  findByEnvelopeId(envelopeId: string): Promise<Placement | undefined>;
  findByCheckoutSessionId(checkoutSessionId: string): Promise<Placement | undefined>;
  /** The placement whose reserve this payment funded (refunds and disputes name the payment, not the session). */
  findByPaymentIntentId(paymentIntentId: string): Promise<Placement | undefined>;
  findByCertificateId(certificateId: string): Promise<Placement | undefined>;

  /** The client's placements (by client email), newest first; eventually consistent. */
  listByClient(clientEmail: string): Promise<Placement[]>;

  /** Staff listings, oldest first; eventually consistent. */
  listByStatus(status: PlacementStatus, page?: PageRequest): Promise<Page<Placement>>;
  listByCertificationWeek(certificationWeek: string, page?: PageRequest): Promise<Page<Placement>>;
}

/** Placements with work due, found through the due index: a job reads what is due, not everything stored. */
export interface DuePlacements {
  /** Placements whose `work` is due at or before `by`, soonest first; eventually consistent (re-read before acting). */
  placementsDue(work: 'CHECK_IN' | 'EXAM_RESULT', by: Instant): AsyncIterable<Placement>;
}

export interface StaffTokenRepository {
  /** Conflict if a token with this hash exists. */
  putStaffToken(token: StaffToken): Promise<void>;
  getStaffToken(tokenHash: string): Promise<StaffToken | undefined>;
  listStaffTokens(page?: PageRequest): Promise<Page<StaffToken>>;
  /** NotFound if there is no such token; revoking twice keeps the first revocation time. */
  revokeStaffToken(tokenHash: string, revokedAt: string): Promise<StaffToken>;
}

// --- Staff console sessions ---

export interface StaffSessionRepository {
  /** Conflict if a session with this hash exists. */
  putStaffSession(session: StaffSession): Promise<void>;
  /** Strongly consistent: a session ended a moment ago is seen ended. */
  getStaffSession(sessionHash: string): Promise<StaffSession | undefined>;
  /** Marks the session ended (ending twice keeps the first time); false when there is no such session. */
  endStaffSession(sessionHash: string, endedAt: string): Promise<boolean>;
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

// --- Email ---

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Traced (the `X-Placement-Id` header in raw MIME, a message tag otherwise) so a delivered email can be matched to its placement. */
  placementId: string;
  attachments?: EmailAttachment[];
  replyTo?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

// --- The lifecycle's workflow engine ---

/** What happened to a resume: the workflow took it, or the task it was meant for had already closed. */
export type ResumeOutcome = 'resumed' | 'already-closed';

/** The placement lifecycle as the use cases see it: start a driver, resume a waiting task, stop. */
export interface PlacementWorkflow {
  /** The ARN an execution of this name has: names are chosen by us, so the ARN is known before it starts. */
  executionArnFor(executionName: string): string;
  start(placementId: string, executionName: string): Promise<{ executionArn: string; alreadyRunning: boolean }>;
  resume(taskToken: string, output: unknown): Promise<ResumeOutcome>;
  fail(taskToken: string, error: string, cause: string): Promise<ResumeOutcome>;
  stop(executionArn: string, cause: string): Promise<void>;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED…, or `missing` when Step Functions has no such execution. */
  status(executionArn: string): Promise<string>;
}

// --- Mentor cases ---

export interface MentorCaseRepository {
  /** Strongly consistent, by the case's id alone. */
  getCase(caseId: string): Promise<MentorCase | undefined>;
  /** Writes the case unless it is there already; true when this call wrote it. */
  putCase(mentorCase: MentorCase): Promise<boolean>;
  /**
   * Saves a move over the version it was decided on; returns the case as stored (next version).
   * A Conflict (`STALE_CASE`) if someone else moved it first: read again and decide again.
   */
  saveCase(mentorCase: MentorCase): Promise<MentorCase>;
  /** Cases in a status, newest first, a page at a time; eventually consistent. */
  listCases(status: MentorCaseStatus, page?: PageRequest): Promise<Page<MentorCase>>;
  /** OPEN cases whose acknowledgement was due at or before `by`, through the due index; eventually consistent. */
  listDueForAcknowledgement(by: Instant): Promise<MentorCase[]>;
  /** Marks the mentors as told; true for the one caller that marked it (who then sends). */
  claimTellingMentors(caseId: string, at: string): Promise<boolean>;
  /** The email did not go: unmark, so that a retry sends it. */
  withdrawTellingMentors(caseId: string): Promise<void>;
  /** Marks the closing note as sent to the client; true for the one caller that marked it (who then sends). */
  claimTellingClient(caseId: string, at: string): Promise<boolean>;
  withdrawTellingClient(caseId: string): Promise<void>;
  /** Claims a submission for `caseId`; returns the case id it was claimed for before, if it was. */
  claimSubmission(placementId: string, submissionId: string, caseId: string): Promise<string | undefined>;
  submittedCase(placementId: string, submissionId: string): Promise<string | undefined>;
}

/** Counters that cap what a client's link can set off: cases a day, provider sessions in a few minutes. */
export interface Allowances {
  /** Counts one more under `counter`; false (and nothing counted) when it holds `limit` already. */
  take(placementId: string, counter: string, limit: number): Promise<boolean>;
  giveBack(placementId: string, counter: string): Promise<void>;
}

/** The key that proves a link came from the client's own emails. */
export interface ClientLinkKeys {
  keyFor(placementId: string): string;
}

// --- The contract provider (DocuSign) ---

export interface ContractEnvelopeRequest {
  placementId: string;
  signer: { name: string; email: string };
  emailSubject: string;
  document: { name: string; pdf: Uint8Array };
  /** Where DocuSign sends the signer back after signing. */
  returnUrl: string;
}

export interface ContractEnvelope {
  envelopeId: string;
}

export interface SigningRequest {
  envelopeId: string;
  placementId: string;
  signer: { name: string; email: string };
  returnUrl: string;
}

export interface ContractProvider {
  sendContract(request: ContractEnvelopeRequest): Promise<ContractEnvelope>;
  /** A fresh signing session: DocuSign's recipient views are single-use and expire within minutes. */
  signingUrl(request: SigningRequest): Promise<string>;
  /** Withdraws an envelope out for signature (one replaced by a corrected one); voiding a voided one is no error. */
  voidEnvelope(envelopeId: string, reason: string): Promise<void>;
}

// --- The billing provider (Stripe format) ---

export interface ReserveCheckoutRequest {
  placementId: string;
  clientEmail: string;
  description: string;
  amountMinor: number;
  currency: string;
  returnUrl: string;
  /** Same key, same session: a retried lifecycle step does not open a second one. */
  idempotencyKey: string;
}

export interface ReserveCheckout {
  checkoutSessionId: string;
  paymentUrl: string;
  /** When the provider stops accepting payment on this session (Stripe: 24 h by default). */
  expiresAt: string;
}

export interface BillingProvider {
  openReserveCheckout(request: ReserveCheckoutRequest): Promise<ReserveCheckout>;
}
