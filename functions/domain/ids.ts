import { ulid } from 'ulid';

/** Time-sortable ids (ULID): listings ordered by id are ordered by creation. */
export function newPlacementId(now: number = Date.now()): string {
  return ulid(now);
}

export function newCertificateId(now: number = Date.now()): string {
  return ulid(now);
}

/** A "Talk to us" case, time-sortable like everything else. */
export function newCaseId(now: number = Date.now()): string {
  return ulid(now);
}

/** A placement's first lifecycle execution is named after it, so starting it twice starts one. */
export function firstExecutionName(placementId: string): string {
  return placementId;
}

/** An execution that replaces a stopped one: the placement's id and the second it starts (UTC, digits only). */
export function freshExecutionName(placementId: string, now: string): string {
  return `${placementId}-${now.replace(/\D/g, '').slice(0, 14)}`;
}
