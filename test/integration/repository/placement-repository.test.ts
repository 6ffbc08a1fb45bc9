import { describe, expect, it } from 'vitest';
import { Conflict, InvalidInput, NotFound } from '../../../functions/domain/errors';
import {
  issueCertificate,
  recordContractSent,
  recordContractSigned,
  recordLinksSent,
  recordReserveRequested,
  recordSelection,
  type Actor,
  type Placement,
  type PlacementStatus,
} from '../../../functions/domain/placement';
import type { HistoryEntry } from '../../../functions/domain/schemas';
import { readTableCapacity } from '../../../functions/observability/table-capacity';
import { useInMemoryTable } from '../../support/table';
import { config, lifecycle, selectionRequest, staff } from '../../support/domain-fixtures';

const table = useInMemoryTable();
let sequence = 0;

/** A unique, time-sortable-looking id per test, so tests share one table without seeing each other. */
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}${String(sequence).padStart(6, '0')}`;
}

async function createSelection(options: { clientEmail?: string; selectedAt?: string } = {}) {
  const request = selectionRequest({
    client: { ...selectionRequest().client, email: options.clientEmail ?? `${nextId('client')}@client.example` },
    ...(options.selectedAt === undefined ? {} : { selectedAt: options.selectedAt }),
  });
  const change = recordSelection(request, { id: nextId('01JX'), stamp: { at: '2025-06-04T16:00:00Z', by: staff }, config });
  return { placement: await table.repository.create(change.placement, change.entries), entries: change.entries };
}

const docusignEvent = (eventId: string): Actor => ({
  kind: 'provider',
  provider: 'docusign',
  eventId,
  eventType: 'envelope-completed',
});

describe('placements', () => {
  it('creates a placement and reads it back with its history', async () => {
    // Prepare & Act
    const { placement, entries } = await createSelection();

    // Assess
    const stored = await table.repository.getWithHistory(placement.id);
    expect(stored?.placement).toEqual(placement);
    expect(stored?.history).toEqual(entries);
    expect(await table.repository.get(placement.id)).toEqual(placement);
  });

  it('refuses to create the same placement twice', async () => {
    // Prepare
    const { placement } = await createSelection();

    // Act & Assess
    await expect(table.repository.create(placement, [])).rejects.toThrow(Conflict);
  });

  it('answers undefined for a placement that does not exist', async () => {
    // Act & Assess
    expect(await table.repository.get('01JXNOSUCH')).toBeUndefined();
    expect(await table.repository.getWithHistory('01JXNOSUCH')).toBeUndefined();
  });

  it('saves over the version it read and bumps the version', async () => {
    // Prepare
    const { placement } = await createSelection();
    const change = recordLinksSent(placement, { at: '2025-06-05T13:00:00Z', by: lifecycle });

    // Act
    const saved = await table.repository.save(change.placement, change.entries);

    // Assess
    expect(saved.version).toBe(2);
    expect(await table.repository.get(placement.id)).toEqual(saved);
    expect((await table.repository.getWithHistory(placement.id))?.history.map((entry) => entry.what)).toEqual([
      'SELECTION_RECORDED',
      'LINKS_SENT',
    ]);
  });

  it('lets one of two concurrent writers win; the other gets a Conflict it can retry', async () => {
    // Prepare: both read version 1.
    const { placement } = await createSelection();
    const first = recordLinksSent(placement, { at: '2025-06-05T13:00:00Z', by: lifecycle });
    const second = recordContractSent(placement, 'env-race', { at: '2025-06-05T13:00:01Z', by: lifecycle });

    // Act
    const outcomes = await Promise.allSettled([
      table.repository.save(first.placement, first.entries),
      table.repository.save(second.placement, second.entries),
    ]);

    // Assess
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.status === 'rejected' && lost[0].reason).toBeInstanceOf(Conflict);
    expect(lost[0]?.status === 'rejected' && lost[0].reason).toMatchObject({ details: { reason: 'STALE_VERSION' } });
    expect((await table.repository.get(placement.id))?.version).toBe(2);

    // …and the loser succeeds on a fresh read.
    const fresh = await table.repository.get(placement.id);
    if (fresh === undefined) throw new Error('placement vanished');
    const retry = fresh.contract === undefined
      ? recordContractSent(fresh, 'env-race', { at: '2025-06-05T13:00:02Z', by: lifecycle })
      : recordLinksSent(fresh, { at: '2025-06-05T13:00:02Z', by: lifecycle });
    expect((await table.repository.save(retry.placement, retry.entries)).version).toBe(3);
  });
});

describe('provider events in the history', () => {
  it('records the same provider event once, however often it is delivered', async () => {
    // Prepare
    const { placement } = await createSelection();
    const entry: HistoryEntry = {
      placementId: placement.id,
      at: '2025-06-06T18:00:00Z',
      what: 'CONTRACT_SIGNED',
      by: docusignEvent('dsevt-42'),
    };

    // Act
    const first = await table.repository.appendHistory([entry]);
    const replay = await table.repository.appendHistory([{ ...entry, at: '2025-06-06T18:05:00Z' }]);

    // Assess
    expect(first).toEqual({ recorded: [entry], duplicates: [] });
    expect(replay.recorded).toEqual([]);
    expect(replay.duplicates).toHaveLength(1);
    const history = (await table.repository.getWithHistory(placement.id))?.history ?? [];
    expect(history.filter((item) => item.what === 'CONTRACT_SIGNED')).toEqual([entry]);
    expect(await table.repository.hasProviderEvent(placement.id, 'docusign', 'dsevt-42')).toBe(true);
    expect(await table.repository.hasProviderEvent(placement.id, 'docusign', 'dsevt-43')).toBe(false);
    expect(await table.repository.hasProviderEvent(placement.id, 'billing', 'dsevt-42')).toBe(false);
  });
});

describe('lookups by provider id', () => {
  it('finds a placement by envelope id, checkout session id and certificate id right after saving them', async () => {
    // Prepare
    const { placement } = await createSelection();
    const stamp = { at: '2025-06-05T13:00:00Z', by: lifecycle };
    let current = recordContractSent(placement, `env-${placement.id}`, stamp).placement;
    current = recordReserveRequested(current, `cs_${placement.id}`, stamp).placement;
    current = await table.repository.save(current, []);
    const certified: Placement = { ...current, status: 'CERTIFIED' };
    const withCertificate = await table.repository.save(issueCertificate(certified, `cert-${placement.id}`, stamp).placement, []);

    // Act
    const byEnvelope = await table.repository.findByEnvelopeId(`env-${placement.id}`);
    const bySession = await table.repository.findByCheckoutSessionId(`cs_${placement.id}`);
    const byCertificate = await table.repository.findByCertificateId(`cert-${placement.id}`);

    // Assess
    expect(byEnvelope).toEqual(withCertificate);
    expect(bySession).toEqual(withCertificate);
    expect(byCertificate).toEqual(withCertificate);
    expect(await table.repository.findByEnvelopeId('env-unknown')).toBeUndefined();
    expect(await table.repository.findByCheckoutSessionId('cs_unknown')).toBeUndefined();
    expect(await table.repository.findByCertificateId('cert-unknown')).toBeUndefined();
  });

  it('refuses to point an envelope id that belongs to one placement at another', async () => {
    // Prepare
    const { placement: first } = await createSelection();
    const { placement: second } = await createSelection();
    const stamp = { at: '2025-06-05T13:00:00Z', by: lifecycle };
    await table.repository.save(recordContractSent(first, `env-shared-${first.id}`, stamp).placement, []);

    // Act & Assess
    await expect(table.repository.save(recordContractSent(second, `env-shared-${first.id}`, stamp).placement, [])).rejects.toThrow(Conflict);
    expect((await table.repository.findByEnvelopeId(`env-shared-${first.id}`))?.id).toBe(first.id);
  });

  it('keeps a signed contract findable after more saves', async () => {
    // Prepare
    const { placement } = await createSelection();
    const stamp = { at: '2025-06-05T13:00:00Z', by: lifecycle };
    const sent = recordContractSent(recordLinksSent(placement, stamp).placement, `env-s-${placement.id}`, stamp).placement;
    const saved = await table.repository.save(sent, []);
    await table.repository.save(
      recordContractSigned(saved, '2025-06-06T18:00:00Z', { at: '2025-06-06T18:00:00Z', by: docusignEvent('e1') }).placement,
      [],
    );

    // Act
    const found = await table.repository.findByEnvelopeId(`env-s-${placement.id}`);

    // Assess
    expect(found?.contract?.status).toBe('SIGNED');
    expect(found?.version).toBe(3);
  });
  it('writes a provider id\'s lookup once: a save from the version read, with no new id, writes only the placement', async () => {
    // Prepare
    const { placement } = await createSelection();
    const stamp = { at: '2025-06-05T13:00:00Z', by: lifecycle };
    const sent = recordContractSent(placement, `env-once-${placement.id}`, stamp).placement;
    const saved = await table.repository.save(sent, [], placement);
    const before = readTableCapacity().requests.PutItem ?? 0;

    // Act
    const signed = recordContractSigned(saved, '2025-06-06T18:00:00Z', { at: '2025-06-06T18:00:00Z', by: docusignEvent('e-once') }).placement;
    await table.repository.save(signed, [], saved);

    // Assess
    expect((readTableCapacity().requests.PutItem ?? 0) - before).toBe(1);
    expect((await table.repository.findByEnvelopeId(`env-once-${placement.id}`))?.contract?.status).toBe('SIGNED');
  });
});

describe('listings', () => {
  it("lists the client's placements, newest first, whatever the email's case", async () => {
    // Prepare
    const email = `${nextId('repeat')}@client.example`;
    const older = await createSelection({ clientEmail: email });
    const newer = await createSelection({ clientEmail: email.toUpperCase() });
    await createSelection();

    // Act
    const placements = await table.repository.listByClient(email);

    // Assess
    expect(placements.map((placement) => placement.id)).toEqual([newer.placement.id, older.placement.id]);
  });

  async function collectAll(list: (nextToken?: string) => Promise<{ items: Placement[]; nextToken?: string }>) {
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await list(nextToken);
      pages.push(page.items.map((placement) => placement.id));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return pages;
  }

  it('lists by status in pages of the requested size, each placement once', async () => {
    // Prepare: five placements moved to a status no other test uses.
    const status: PlacementStatus = 'IN_CERTIFICATION';
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const { placement } = await createSelection();
      await table.repository.save({ ...placement, status }, []);
      ids.push(placement.id);
    }

    // Act
    const pages = await collectAll((nextToken) => table.repository.listByStatus(status, { limit: 2, ...(nextToken ? { nextToken } : {}) }));

    // Assess
    expect(pages.flat()).toEqual(ids);
    expect(pages.slice(0, 3).map((page) => page.length)).toEqual([2, 2, 1]);
  });

  it('lists by certification week in pages', async () => {
    // Prepare: selected on Sunday 2025-07-06 → week of Monday 2025-07-07.
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      ids.push((await createSelection({ selectedAt: '2025-07-06T18:00:00Z' })).placement.id);
    }
    await createSelection({ selectedAt: '2025-07-08T18:00:00Z' });

    // Act
    const pages = await collectAll((nextToken) =>
      table.repository.listByCertificationWeek('2025-07-07', { limit: 2, ...(nextToken ? { nextToken } : {}) }),
    );

    // Assess
    expect(pages.flat()).toEqual(ids);
    expect(pages[0]).toHaveLength(2);
  });

  it('refuses a nextToken that this listing did not hand out', async () => {
    // Prepare
    await createSelection({ selectedAt: '2025-07-06T18:00:00Z' });
    await createSelection({ selectedAt: '2025-07-06T18:00:00Z' });
    const weekPage = await table.repository.listByCertificationWeek('2025-07-07', { limit: 1 });
    if (weekPage.nextToken === undefined) throw new Error('expected a second page');

    // Act & Assess
    await expect(table.repository.listByStatus('SELECTED', { nextToken: weekPage.nextToken })).rejects.toThrow(InvalidInput);
    await expect(table.repository.listByCertificationWeek('2025-07-14', { nextToken: weekPage.nextToken })).rejects.toThrow(InvalidInput);
    await expect(table.repository.listByStatus('SELECTED', { nextToken: 'not-a-token' })).rejects.toThrow(InvalidInput);
  });
});

describe('staff tokens', () => {
  it('stores, finds, lists and revokes tokens by hash', async () => {
    // Prepare
    const hashes = ['a', 'b', 'c'].map((letter) => letter.repeat(64));
    for (const [index, tokenHash] of hashes.entries()) {
      await table.repository.putStaffToken({ tokenHash, name: `Staff ${index}`, role: 'staff', createdAt: `2025-06-0${index + 1}T00:00:00Z` });
    }

    // Act
    const revoked = await table.repository.revokeStaffToken(hashes[1] ?? '', '2025-06-10T00:00:00Z');
    const revokedAgain = await table.repository.revokeStaffToken(hashes[1] ?? '', '2025-06-11T00:00:00Z');
    const firstPage = await table.repository.listStaffTokens({ limit: 2 });
    const secondPage = await table.repository.listStaffTokens({ limit: 2, ...(firstPage.nextToken ? { nextToken: firstPage.nextToken } : {}) });

    // Assess
    expect(await table.repository.getStaffToken(hashes[0] ?? '')).toEqual({
      tokenHash: hashes[0],
      name: 'Staff 0',
      role: 'staff',
      createdAt: '2025-06-01T00:00:00Z',
    });
    expect(revoked.revokedAt).toBe('2025-06-10T00:00:00Z');
    expect(revokedAgain.revokedAt).toBe('2025-06-10T00:00:00Z');
    expect([...firstPage.items, ...secondPage.items].map((token) => token.name)).toEqual(['Staff 0', 'Staff 1', 'Staff 2']);
    expect(await table.repository.getStaffToken('d'.repeat(64))).toBeUndefined();
    await expect(table.repository.putStaffToken({ tokenHash: hashes[0] ?? '', name: 'again', role: 'admin', createdAt: '2025-06-12T00:00:00Z' })).rejects.toThrow(Conflict);
    await expect(table.repository.revokeStaffToken('d'.repeat(64), '2025-06-10T00:00:00Z')).rejects.toThrow(NotFound);
  });
});
