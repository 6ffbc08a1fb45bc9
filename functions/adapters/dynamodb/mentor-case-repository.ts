import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { MentorCaseRepository } from '../../application/ports';
import { mentorCaseSchema, type MentorCase } from '../../domain/mentor-cases';
import { isConditionFailure } from './conditions';
import * as keys from './keys';

const claimSchema = z.object({ caseId: z.string().min(1) });


/** "Talk to us" cases and their daily allowance, in the placement's partition; single-item conditional writes only. */
export class DynamoMentorCaseRepository implements MentorCaseRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCase(placementId: string, caseId: string): Promise<MentorCase | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.mentorCaseKey(placementId, caseId), ConsistentRead: true }));
    return Item === undefined ? undefined : mentorCaseSchema.parse(Item.mentorCase);
  }

  async putCase(mentorCase: MentorCase): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.mentorCaseKey(mentorCase.placementId, mentorCase.id), entity: 'MentorCase', mentorCase: mentorCaseSchema.parse(mentorCase) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async claimTellingMentors(placementId: string, caseId: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.mentorCaseKey(placementId, caseId),
          UpdateExpression: 'SET mentorCase.mentorsToldAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(mentorCase.mentorsToldAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async withdrawTellingMentors(placementId: string, caseId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: keys.mentorCaseKey(placementId, caseId), UpdateExpression: 'REMOVE mentorCase.mentorsToldAt' }),
    );
  }

  async claimSubmission(placementId: string, submissionId: string, caseId: string): Promise<string | undefined> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.caseSubmissionKey(placementId, submissionId), entity: 'CaseSubmission', caseId },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return this.submittedCase(placementId, submissionId);
    }
  }

  async submittedCase(placementId: string, submissionId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.caseSubmissionKey(placementId, submissionId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : claimSchema.parse(Item).caseId;
  }
}
