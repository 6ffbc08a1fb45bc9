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
