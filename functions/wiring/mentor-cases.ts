import { DynamoMentorCaseRepository } from '../adapters/dynamodb/mentor-case-repository';
import { documentClient, tableName } from './table';

/** Mentor cases, in the same table, once per container. */
export const mentorCases = new DynamoMentorCaseRepository(documentClient, tableName);
