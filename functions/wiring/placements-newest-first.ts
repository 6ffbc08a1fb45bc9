import { DynamoPlacementsNewestFirst } from '../adapters/dynamodb/placements-newest-first';
import { documentClient, tableName } from './table';

/** The status index newest first, for the unfiltered staff listing; once per container. */
export const placementsNewestFirst = new DynamoPlacementsNewestFirst(documentClient, tableName);
