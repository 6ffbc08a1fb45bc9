import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoPlacementRepository } from '../../../functions/adapters/dynamodb/placement-repository';
import { recordContractSent, recordSelection, type Placement } from '../../../functions/domain/placement';
import { useInMemoryTable } from '../../support/table';
import { config, lifecycle, selectionRequest, staff } from '../../support/domain-fixtures';

// The placement and its history entries are separate items; a process that dies between the two
// writes must not lose the entries: they travel with the placement and are written out on the next read.

const table = useInMemoryTable();
let sequence = 0;

/** A repository whose process "dies" at the first history item it tries to write. */
function repositoryThatCrashesBeforeHistory() {
  const send = table.documentClient.send.bind(table.documentClient);
  const client = Object.create(table.documentClient) as typeof table.documentClient;
  client.send = ((command: unknown) => {
    if (command instanceof PutCommand && command.input.Item?.entity === 'History') {
      return Promise.reject(new Error('Lambda timed out'));
    }
    return send(command as never);
  }) as typeof client.send;
  return new DynamoPlacementRepository(client, table.tableName);
}

async function newPlacement(): Promise<Placement> {
  sequence += 1;
  const change = recordSelection(
    selectionRequest({ client: { ...selectionRequest().client, email: `crash${sequence}@client.example` } }),
    { id: `01JXCRASH${String(sequence).padStart(4, '0')}`, stamp: { at: '2025-06-04T16:00:00Z', by: staff }, config },
  );
  return table.repository.create(change.placement, change.entries);
}

describe('a crash between the placement write and its history', () => {
  it('keeps the entries: the next read writes them out', async () => {
    // Prepare
    const placement = await newPlacement();
    const sent = recordContractSent(placement, 'env-crash-1', { at: '2025-06-05T13:00:00Z', by: lifecycle });

    // Act: the save dies after the placement is written
    await expect(repositoryThatCrashesBeforeHistory().save(sent.placement, sent.entries)).rejects.toThrow('Lambda timed out');

    // Assess
    const stored = await table.repository.getWithHistory(placement.id);
    expect(stored?.placement.contract?.envelopeId).toBe('env-crash-1');
    expect(stored?.history.map((entry) => entry.what)).toEqual(
      expect.arrayContaining(sent.entries.map((entry) => entry.what)),
    );
    expect(stored?.history.filter((entry) => entry.what === 'CONTRACT_SENT')).toHaveLength(1);
  });

  it('keeps them even when the next write starts from a copy read before the crash was repaired', async () => {
    // Prepare: the crash leaves a journal; the next writer holds the placement as it was saved
    const placement = await newPlacement();
    const sent = recordContractSent(placement, 'env-crash-2', { at: '2025-06-05T13:00:00Z', by: lifecycle });
    await expect(repositoryThatCrashesBeforeHistory().save(sent.placement, sent.entries)).rejects.toThrow();
    const asSaved = { ...sent.placement, version: placement.version + 1 };
    const later = { ...asSaved, updatedAt: '2025-06-05T14:00:00Z' };
    const laterEntry = { ...sent.entries[0]!, what: 'LINKS_SENT' as const, at: '2025-06-05T14:00:00Z' };

    // Act
    await table.repository.save(later, [laterEntry]);

    // Assess: both writes' entries are there, once each
    const whats = (await table.repository.getWithHistory(placement.id))?.history.map((entry) => entry.what) ?? [];
    expect(whats.filter((what) => what === 'CONTRACT_SENT')).toHaveLength(1);
    expect(whats.filter((what) => what === 'LINKS_SENT')).toHaveLength(1);
  });
});

describe('history pages', () => {
  it('are bounded, in the order things happened, and continue with nextToken', async () => {
    // Prepare: 130 entries, some at the same instant
    const placement = await newPlacement();
    const entries = Array.from({ length: 129 }, (_unused, index) => ({
      placementId: placement.id,
      at: new Date(Date.parse('2025-06-05T00:00:00Z') + Math.floor(index / 3) * 60_000).toISOString(),
      what: 'EMAIL_SENT' as const,
      by: lifecycle,
      details: { n: index },
    }));
    await table.repository.appendHistory(entries);

    // Act
    const first = await table.repository.getWithHistory(placement.id);
    const second = await table.repository.listHistory(placement.id, { nextToken: first?.historyNextToken ?? '' });

    // Assess
    expect(first?.history).toHaveLength(100);
    expect(first?.history[0]?.what).toBe('SELECTION_RECORDED');
    expect(second.items).toHaveLength(30);
    expect(second.nextToken).toBeUndefined();
    const numbers = [...(first?.history ?? []), ...second.items].flatMap((entry) => (entry.details?.n === undefined ? [] : [entry.details.n]));
    expect(numbers).toEqual(entries.map((_entry, index) => index));
  });
});
