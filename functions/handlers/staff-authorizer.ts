import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { logger } from '../observability/logger';

/** Until the staff token store exists, no bearer token is accepted: deny rather than let anyone in. */
export const handler = async (_event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> => {
  logger.warn('staff token store is not built yet; denying');
  return { isAuthorized: false };
};
