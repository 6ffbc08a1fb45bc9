import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per bundle; fields carry ids, never emails, phone numbers or tokens. */
export const logger = new Logger({ serviceName: 've-certification' });
