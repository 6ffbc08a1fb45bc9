/** The few errors the domain speaks in; functions/http/respond.ts maps each to one HTTP status. */
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

export class InvalidInput extends DomainError {
  readonly code = 'INVALID_INPUT';
}

export class Unauthorized extends DomainError {
  readonly code = 'UNAUTHORIZED';
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** A state that forbids the request (wrong status, lost optimistic-lock race): the caller may retry or rethink. */
export class Conflict extends DomainError {
  readonly code = 'CONFLICT';
}

/** A capability the system does not have yet: answered honestly instead of faking success. */
export class NotBuiltYet extends DomainError {
  readonly code = 'NOT_IMPLEMENTED';
}
