import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoPlacementsNewestFirst } from '../adapters/dynamodb/placements-newest-first';
import { readEnvironment } from './environment';

const { TABLE_NAME } = readEnvironment(z.object({ TABLE_NAME: z.string().min(1) }));

/** The status index newest first, for the unfiltered staff listing; once per container. */
export const placementsNewestFirst = new DynamoPlacementsNewestFirst(createDocumentClient(), TABLE_NAME);
