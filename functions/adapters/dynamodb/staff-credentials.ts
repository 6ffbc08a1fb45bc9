import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest, StaffSessionRepository, StaffTokenRepository } from '../../application/ports';
import { Conflict, NotFound } from '../../domain/errors';
import { staffSessionSchema, type StaffSession } from '../../domain/staff-sessions';
import { staffTokenSchema, type StaffToken } from '../../domain/staff-tokens';
import { isConditionFailure } from './conditions';
import * as keys from './keys';
import { queryPage } from './pages';

const entities = { staffToken: 'StaffToken', staffSession: 'StaffSession' } as const;

/**
 * Staff tokens and console sessions in the table, and nothing else of it: the authorizer and the token
 * routes load this alone, without the placement schemas (and the calendar code) the placement
 * repository brings. The placement repository extends it, so one object still serves the whole table.
 */
export class DynamoStaffCredentials implements StaffTokenRepository, StaffSessionRepository {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  // --- Staff tokens ---

  async putStaffToken(token: StaffToken): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.staffTokenKey(token.tokenHash), ...keys.staffTokenIndexKeys(token), entity: entities.staffToken, ...token },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new Conflict('This staff token exists.', { reason: 'ALREADY_EXISTS' });
      throw error;
    }
  }

  async getStaffToken(tokenHash: string): Promise<StaffToken | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.staffTokenKey(tokenHash), ConsistentRead: true }),
    );
    return result.Item === undefined ? undefined : staffTokenSchema.parse(result.Item);
  }

  listStaffTokens(page: PageRequest = {}): Promise<Page<StaffToken>> {
    return queryPage(
      (input) => this.client.send(new QueryCommand(input)),
      { tableName: this.tableName, index: keys.indexes.staffTokens, partition: keys.STAFF_TOKENS_PARTITION },
      page,
      (item) => staffTokenSchema.parse(item),
    );
  }

  async revokeStaffToken(tokenHash: string, revokedAt: string): Promise<StaffToken> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.staffTokenKey(tokenHash),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :revokedAt)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':revokedAt': revokedAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return staffTokenSchema.parse(result.Attributes);
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFound('No such staff token.');
      throw error;
    }
  }

  // --- Staff console sessions ---

  async putStaffSession(session: StaffSession): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.staffSessionKey(session.sessionHash), entity: entities.staffSession, ...staffSessionSchema.parse(session) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new Conflict('This staff session exists.', { reason: 'ALREADY_EXISTS' });
      throw error;
    }
  }

  async getStaffSession(sessionHash: string): Promise<StaffSession | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.staffSessionKey(sessionHash), ConsistentRead: true }),
    );
    return result.Item === undefined ? undefined : staffSessionSchema.parse(result.Item);
  }

  async endStaffSession(sessionHash: string, endedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.staffSessionKey(sessionHash),
          UpdateExpression: 'SET endedAt = if_not_exists(endedAt, :endedAt)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':endedAt': endedAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
