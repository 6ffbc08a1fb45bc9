import { DynamoDuePlacements } from '../adapters/dynamodb/due-placements';
import { documentClient, tableName } from './table';

/** Placements with a check-in or an exam result due, through the due index, once per container. */
export const duePlacements = new DynamoDuePlacements(documentClient, tableName);
