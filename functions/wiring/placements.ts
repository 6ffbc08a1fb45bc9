import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoPlacementRepository } from '../adapters/dynamodb/placement-repository';
import { readEnvironment } from './environment';

const { TABLE_NAME } = readEnvironment(z.object({ TABLE_NAME: z.string().min(1) }));

/** The table, once per container. */
export const placements = new DynamoPlacementRepository(createDocumentClient(), TABLE_NAME);
