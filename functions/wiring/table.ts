import * as z from 'zod/mini';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { readEnvironment } from './environment';

const { TABLE_NAME } = readEnvironment(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

/**
 * The table and its document client, once per container. Each repository has a wiring module of its
 * own on top of this one, so a function builds only the repositories it uses.
 */
export const tableName = TABLE_NAME;
export const documentClient = createDocumentClient();
