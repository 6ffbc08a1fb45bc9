import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoMentorCaseRepository } from '../adapters/dynamodb/mentor-case-repository';
import { DynamoPlacementRepository } from '../adapters/dynamodb/placement-repository';
import { readEnvironment } from './environment';

const { TABLE_NAME } = readEnvironment(z.object({ TABLE_NAME: z.string().min(1) }));

/** The table, once per container. */
const documentClient = createDocumentClient();
export const placements = new DynamoPlacementRepository(documentClient, TABLE_NAME);

/** "Talk to us" cases, in the same table. */
export const mentorCases = new DynamoMentorCaseRepository(documentClient, TABLE_NAME);
