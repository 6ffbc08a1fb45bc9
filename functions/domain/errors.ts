/** The few errors the domain speaks in; functions/http/respond.ts maps each family to one HTTP status. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError { readonly code = 'INVALID_INPUT'; }
export class Unauthorized extends DomainError { readonly code = 'UNAUTHORIZED'; }
export class Forbidden extends DomainError { readonly code = 'FORBIDDEN'; }
export class NotFound extends DomainError { readonly code = 'NOT_FOUND'; }

/** A state that forbids the request (wrong status, a provider id taken): the caller may retry or rethink. */
export class Conflict extends DomainError {
  readonly code = 'CONFLICT';
}

/**
 * A lost optimistic-lock race: someone saved the placement after it was read. Read again and decide
 * again; to an API caller it is an ordinary 409.
 */
export class StaleVersion extends Conflict {
  constructor(placementId: string, readVersion: number) {
    super('The placement was changed by someone else; read it again and retry.', { reason: 'STALE_VERSION', placementId, readVersion });
  }
}
