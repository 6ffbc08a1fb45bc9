import type { Instant } from '../domain/placement';

/** The service clock, passed in so that the rules never read the time themselves. */
export interface Clock {
  now(): Instant;
}
