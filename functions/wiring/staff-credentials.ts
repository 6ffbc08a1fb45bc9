import { DynamoStaffCredentials } from '../adapters/dynamodb/staff-credentials';
import { documentClient, tableName } from './table';

/** The staff tokens and console sessions in the table, once per container: all the authorizer and the token routes reach. */
export const staffCredentials = new DynamoStaffCredentials(documentClient, tableName);
