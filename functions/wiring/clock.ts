import type { Clock } from '../application/ports';

/** The service clock; locally it is the virtual clock, since the runtime fakes Date for the whole process. */
export const systemClock: Clock = { now: () => new Date().toISOString() };
