import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoAllowances } from '../adapters/dynamodb/allowances';
import { DynamoMentorCaseRepository } from '../adapters/dynamodb/mentor-case-repository';
import { DynamoPlacementRepository } from '../adapters/dynamodb/placement-repository';
import { readEnvironment } from './environment';

const { TABLE_NAME } = readEnvironment(z.object({ TABLE_NAME: z.string().min(1) }));

/** The table, once per container. */
const documentClient = createDocumentClient();
export const placements = new DynamoPlacementRepository(documentClient, TABLE_NAME);

/** "Talk to us" cases and the counters that cap what a client's link can set off, in the same table. */
export const mentorCases = new DynamoMentorCaseRepository(documentClient, TABLE_NAME);
export const allowances = new DynamoAllowances(documentClient, TABLE_NAME);
