import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { MentorCaseRepository, Page, PageRequest } from '../../application/ports';
import { mentorCaseSchema, staleCase, type MentorCase, type MentorCaseStatus } from '../../domain/mentor-cases';
import { isConditionFailure } from './conditions';
import * as keys from './keys';
import { queryPage } from './pages';

const claimSchema = z.object({ caseId: z.string().check(z.minLength(1)) });

/** What a move may change; the rest (the message, when it opened, the told-at marks) is written once. */
const movedFields = ['status', 'assignedTo', 'acknowledgedAt', 'acknowledgedBy', 'closedAt', 'closedBy', 'notes'] as const satisfies readonly (keyof MentorCase)[];

/**
 * Mentor cases, each in a partition of its own (found by id alone), listed by status through GSI1 and,
 * while open, in the due index (GSI4) under their acknowledgement deadline. The submission claims and
 * the client's allowance stay in the placement's partition. Single-item conditional writes only.
 */
export class DynamoMentorCaseRepository implements MentorCaseRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCase(caseId: string): Promise<MentorCase | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.mentorCaseKey(caseId), ConsistentRead: true }));
    return Item === undefined ? undefined : mentorCaseSchema.parse(Item);
  }

  async putCase(mentorCase: MentorCase): Promise<boolean> {
    const stored = mentorCaseSchema.parse(mentorCase);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.mentorCaseKey(stored.id), ...keys.mentorCaseIndexKeys(stored), entity: 'MentorCase', ...stored },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  /**
   * Only the moved fields and the index keys, over the version read: the told-at marks, set by their own
   * claims at any time, are never written back from an older read.
   */
  async saveCase(mentorCase: MentorCase): Promise<MentorCase> {
    const moved = mentorCaseSchema.parse(mentorCase);
    const indexKeys: Record<string, string> = keys.mentorCaseIndexKeys(moved);
    const values: Record<string, unknown> = { ...Object.fromEntries(movedFields.flatMap((field) => (moved[field] === undefined ? [] : [[field, moved[field]]]))), ...indexKeys };
    const dueKeys = [keys.indexes.byDueDate.partitionKey, keys.indexes.byDueDate.sortKey];
    const removed = dueKeys.filter((name) => !(name in values));
    const names = [...Object.keys(values), 'version'];
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.mentorCaseKey(moved.id),
          UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}${removed.length === 0 ? '' : ` REMOVE ${removed.map((name) => `#${name}`).join(', ')}`}`,
          ConditionExpression: 'attribute_exists(PK) AND #version = :readVersion',
          ExpressionAttributeNames: Object.fromEntries([...names, ...removed].map((name) => [`#${name}`, name])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(Object.entries(values).map(([name, value]) => [`:${name}`, value])),
            ':version': moved.version + 1,
            ':readVersion': moved.version,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return mentorCaseSchema.parse(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) throw staleCase(moved.id, moved.version);
      throw error;
    }
  }

  listCases(status: MentorCaseStatus, page: PageRequest = {}): Promise<Page<MentorCase>> {
    const target = { tableName: this.tableName, index: keys.indexes.byStatus, partition: keys.mentorCasesPartition(status), newestFirst: true };
    return queryPage((input) => this.query(input), target, page, (item) => mentorCaseSchema.parse(item));
  }

  async listDueForAcknowledgement(by: string): Promise<MentorCase[]> {
    const index = keys.indexes.byDueDate;
    const due: MentorCase[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.query({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#work = :work AND #due <= :by',
        ExpressionAttributeNames: { '#work': index.partitionKey, '#due': index.sortKey },
        ExpressionAttributeValues: { ':work': keys.duePartition('CASE_ACKNOWLEDGEMENT'), ':by': keys.dueBy(by) },
        ExclusiveStartKey: startKey,
      });
      due.push(...(result.Items ?? []).map((item) => mentorCaseSchema.parse(item)));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined);
    return due;
  }

  claimTellingMentors(caseId: string, at: string): Promise<boolean> {
    return this.mark(caseId, 'mentorsToldAt', at);
  }

  async withdrawTellingMentors(caseId: string): Promise<void> {
    await this.unmark(caseId, 'mentorsToldAt');
  }

  claimTellingClient(caseId: string, at: string): Promise<boolean> {
    return this.mark(caseId, 'clientToldAt', at);
  }

  async withdrawTellingClient(caseId: string): Promise<void> {
    await this.unmark(caseId, 'clientToldAt');
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

  private query(input: QueryCommandInput) {
    return this.client.send(new QueryCommand(input));
  }

  /** Sets a told-at mark unless it is set: true for the one caller that set it. */
  private async mark(caseId: string, mark: 'mentorsToldAt' | 'clientToldAt', at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.mentorCaseKey(caseId),
          UpdateExpression: 'SET #mark = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#mark)',
          ExpressionAttributeNames: { '#mark': mark },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async unmark(caseId: string, mark: 'mentorsToldAt' | 'clientToldAt'): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.mentorCaseKey(caseId),
          UpdateExpression: 'REMOVE #mark',
          // An update of a missing key would create an item.
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#mark': mark },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
