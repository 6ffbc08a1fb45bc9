import { logger } from '../observability/logger';

export const handler = async (): Promise<void> => {
  logger.warn('The overdue exam results check is not built yet; nothing was done');
};
