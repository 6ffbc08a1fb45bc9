import { tableDefinition } from '../../../lib/table-definition';
import type { HistoryEntry, PlacementStatus, Provider } from '../../domain/schemas';
import type { MentorCaseStatus } from '../../domain/mentor-cases';

/**
 * The only place that builds key values. Every item carries generic PK/SK (and GSIn) attributes;
 * the prefixes name the entity so one table holds them all. See the README's access-pattern table.
 */

export const attributes = {
  partitionKey: tableDefinition.partitionKey,
  sortKey: tableDefinition.sortKey,
} as const;

const [gsi1, gsi2, gsi3, gsi4] = tableDefinition.globalIndexes;
const [lsi1] = tableDefinition.localIndexes;

export const indexes = {
  byStatus: gsi1,
  byCertificationWeek: gsi2,
  byClient: gsi3,
  /** Work by when it is due (check-ins, exam results, case acknowledgements): sparse. */
  byDueDate: gsi4,
  /** Staff tokens share GSI1 under their own partition (listing tokens without a Scan). */
  staffTokens: gsi1,
} as const;

export type IndexName = keyof typeof indexes;

/** A placement's history by time, within the placement's partition. */
export const historyIndex = { name: lsi1.name, sortKey: lsi1.sortKey } as const;

/**
 * Where a history entry sorts in the time index: its instant in UTC, then a write-ordered id so
 * entries of the same instant keep the order they were given in.
 */
export function historyTimeKey(entry: HistoryEntry, writeOrderId: string) {
  return { [lsi1.sortKey]: `${HISTORY_PREFIX}${new Date(entry.at).toISOString()}#${writeOrderId}` };
}

export interface ItemKey {
  PK: string;
  SK: string;
}

const PLACEMENT_SK = 'PLACEMENT';
const HISTORY_PREFIX = 'HISTORY#';

export function placementKey(placementId: string): ItemKey {
  return { PK: `PLACEMENT#${placementId}`, SK: PLACEMENT_SK };
}

/** The secondary-index attributes of a placement item: by status, by certification week, by client. */
export function placementIndexKeys(placement: {
  id: string;
  status: PlacementStatus;
  client: { email: string };
  timeline: { certificationWeek: string; resultsDueAt: string };
  exam?: unknown;
  relationship?: { nextCheckIn?: { dueAt: string } };
}) {
  const byId = `PLACEMENT#${placement.id}`;
  return {
    ...placementDueKeys(placement),
    GSI1PK: statusPartition(placement.status),
    GSI1SK: byId,
    GSI2PK: certificationWeekPartition(placement.timeline.certificationWeek),
    GSI2SK: byId,
    GSI3PK: clientPartition(placement.client.email),
    GSI3SK: byId,
  };
}

/** What a placement has due, if anything: its next check-in once ACTIVE, its exam result while at the exam. */
function placementDueKeys(placement: Parameters<typeof placementIndexKeys>[0]) {
  const nextCheckIn = placement.relationship?.nextCheckIn;
  if (placement.status === 'ACTIVE' && nextCheckIn !== undefined) return dueIndexKeys('CHECK_IN', nextCheckIn.dueAt, placement.id);
  if (placement.status === 'EXAM' && placement.exam === undefined) return dueIndexKeys('EXAM_RESULT', placement.timeline.resultsDueAt, placement.id);
  return {};
}

export function statusPartition(status: PlacementStatus): string {
  return `STATUS#${status}`;
}

export function certificationWeekPartition(certificationWeek: string): string {
  return `WEEK#${certificationWeek}`;
}

/** A client is known by their email, compared without case. */
export function clientPartition(clientEmail: string): string {
  return `CLIENT#${clientEmail.trim().toLowerCase()}`;
}

/** History lives in the placement's partition, so one Query reads a placement with its history. */
export function placementPartition(placementId: string): string {
  return `PLACEMENT#${placementId}`;
}

export const historySortKeyPrefix = HISTORY_PREFIX;

/**
 * A history entry's key. Entries caused by a provider event are keyed by the event identity, so a
 * replay hits the same key and a conditional put refuses it; the others by a time-sortable id.
 */
export function historyKey(entry: HistoryEntry, uniqueId: string): ItemKey {
  const PK = placementPartition(entry.placementId);
  if (entry.by.kind === 'provider') return { PK, SK: providerEventSortKey(entry.by.provider, entry.by.eventId, entry.what) };
  return { PK, SK: `${HISTORY_PREFIX}${uniqueId}` };
}

export function providerEventSortKey(provider: Provider, eventId: string, what?: string): string {
  const event = `${HISTORY_PREFIX}EVENT#${provider}#${eventId}#`;
  return what === undefined ? event : `${event}${what}`;
}

/** Pointer items: a provider id → the placement, read with a strongly consistent GetItem. */
export function envelopeKey(envelopeId: string): ItemKey {
  return { PK: `ENVELOPE#${envelopeId}`, SK: 'ENVELOPE' };
}

export function checkoutSessionKey(checkoutSessionId: string): ItemKey {
  return { PK: `CHECKOUT#${checkoutSessionId}`, SK: 'CHECKOUT' };
}

/** The reserve's payment, by which the provider's refunds and disputes of it find the placement. */
export function paymentIntentKey(paymentIntentId: string): ItemKey {
  return { PK: `PAYMENT_INTENT#${paymentIntentId}`, SK: 'PAYMENT_INTENT' };
}

/** A mentor case in a partition of its own, so that `/cases/{id}` finds it by its id alone. */
export function mentorCaseKey(caseId: string): ItemKey {
  return { PK: `CASE#${caseId}`, SK: 'CASE' };
}

/** Cases by status share GSI1 with placements and staff tokens, under partitions of their own. */
export function mentorCasesPartition(status: MentorCaseStatus): string {
  return `CASES#${status}`;
}

/**
 * A case's index attributes: listed by status, newest first (sorted by when it opened, then its id);
 * while OPEN it is in the due index under its acknowledgement deadline, and leaves it once a mentor acts.
 */
export function mentorCaseIndexKeys(mentorCase: { id: string; status: MentorCaseStatus; openedAt: string; acknowledgeBy: string }) {
  return {
    GSI1PK: mentorCasesPartition(mentorCase.status),
    GSI1SK: `${new Date(mentorCase.openedAt).toISOString()}#${mentorCase.id}`,
    ...(mentorCase.status === 'OPEN' ? dueIndexKeys('CASE_ACKNOWLEDGEMENT', mentorCase.acknowledgeBy, mentorCase.id) : {}),
  };
}

/** A submitted "Talk to us" form, claimed once so that the browser's retry opens no second case. */
export function caseSubmissionKey(placementId: string, submissionId: string): ItemKey {
  return { PK: placementPartition(placementId), SK: `CASE_SUBMISSION#${submissionId}` };
}

/** A counter of what a placement's client did in a window (cases a day, link visits in ten minutes). */
export function allowanceKey(placementId: string, counter: string): ItemKey {
  return { PK: placementPartition(placementId), SK: `ALLOWANCE#${counter}` };
}

export function certificateKey(certificateId: string): ItemKey {
  return { PK: `CERTIFICATE#${certificateId}`, SK: 'CERTIFICATE' };
}

/** A staff request's Idempotency-Key → the placement it created (the key is scoped to staff creation). */
export function idempotencyKey(key: string): ItemKey {
  return { PK: `IDEMPOTENCY#${key}`, SK: 'IDEMPOTENCY' };
}

/** Staff tokens (issue 5): by the token's hash; listed through GSI1 under one partition. */
export function staffTokenKey(tokenHash: string): ItemKey {
  return { PK: `STAFF_TOKEN#${tokenHash}`, SK: 'STAFF_TOKEN' };
}

export function staffTokenIndexKeys(token: { tokenHash: string; createdAt: string }) {
  return { GSI1PK: STAFF_TOKENS_PARTITION, GSI1SK: `${token.createdAt}#${token.tokenHash}` };
}

export const STAFF_TOKENS_PARTITION = 'STAFF_TOKENS';

/** Console sessions (issue 12): by the session's hash, in a partition of their own; never listed. */
export function staffSessionKey(sessionHash: string): ItemKey {
  return { PK: `STAFF_SESSION#${sessionHash}`, SK: 'STAFF_SESSION' };
}

/** The kinds of due work the due index (GSI4) holds, each in its own partition. */
export type DueWork = 'CHECK_IN' | 'EXAM_RESULT' | 'CASE_ACKNOWLEDGEMENT';

export function duePartition(work: DueWork): string {
  return `DUE#${work}`;
}

/**
 * An item's place in the due index: the partition of its kind of work, sorted by the instant it is due
 * (UTC, so that strings sort as times) and then its id. Items with nothing due leave both attributes out.
 */
export function dueIndexKeys(work: DueWork, dueAt: string, id: string) {
  return { GSI4PK: duePartition(work), GSI4SK: `${new Date(dueAt).toISOString()}#${id}` };
}

/** The upper bound of a due-index query for everything due at or before `instant`. */
export function dueBy(instant: string): string {
  return `${new Date(instant).toISOString()}#\uffff`;
}

/** Every attribute that is a key, so mappers can strip them before validating the domain object. */
export const keyAttributeNames = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'LSI1SK'] as const;
