import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoAllowances } from '../adapters/dynamodb/allowances';
import { DynamoDuePlacements } from '../adapters/dynamodb/due-placements';
import { DynamoMentorCaseRepository } from '../adapters/dynamodb/mentor-case-repository';
import { DynamoPlacementRepository } from '../adapters/dynamodb/placement-repository';
import { readEnvironment } from './environment';

const { TABLE_NAME } = readEnvironment(z.object({ TABLE_NAME: z.string().min(1) }));

/** The table, once per container. */
const documentClient = createDocumentClient();
export const placements = new DynamoPlacementRepository(documentClient, TABLE_NAME);

/** Mentor cases and the counters that cap what a client's link can set off, in the same table. */
export const mentorCases = new DynamoMentorCaseRepository(documentClient, TABLE_NAME);
export const allowances = new DynamoAllowances(documentClient, TABLE_NAME);

/** Placements with a check-in or an exam result due, through the due index. */
export const duePlacements = new DynamoDuePlacements(documentClient, TABLE_NAME);
