import { logger } from '../observability/logger';

export const handler = async (): Promise<void> => {
  logger.warn('Reconciliation of placements is not built yet; nothing was done');
};
