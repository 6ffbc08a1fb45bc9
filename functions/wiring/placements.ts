import { DynamoPlacementRepository } from '../adapters/dynamodb/placement-repository';
import { documentClient, tableName } from './table';

/** The placements (with their history, pointers and idempotency keys), once per container. */
export const placements = new DynamoPlacementRepository(documentClient, tableName);
