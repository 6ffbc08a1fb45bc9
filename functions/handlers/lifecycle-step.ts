import { NotBuiltYet } from '../domain/errors';
import { logger } from '../observability/logger';

/** Fails loudly so the state machine's Catch flags the placement; the lifecycle issue builds the steps. */
export const handler = async (event: unknown): Promise<never> => {
  logger.error('lifecycle step is not built yet', { event });
  throw new NotBuiltYet('Lifecycle steps are not built yet.');
};
