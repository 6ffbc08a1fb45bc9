import { logger } from '../observability/logger';

export const handler = async (): Promise<void> => {
  logger.warn('The staff digest is not built yet; nothing was done');
};
