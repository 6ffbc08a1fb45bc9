import { DynamoAllowances } from '../adapters/dynamodb/allowances';
import { documentClient, tableName } from './table';

/** The counters that cap what a client's link can set off, in the same table, once per container. */
export const allowances = new DynamoAllowances(documentClient, tableName);
