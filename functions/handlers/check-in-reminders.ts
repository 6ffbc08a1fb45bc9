import { logger } from '../observability/logger';

export const handler = async (): Promise<void> => {
  logger.warn('Check-in reminders is not built yet; nothing was done');
};
