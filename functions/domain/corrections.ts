import { Conflict } from './errors';
import type { Change, Stamp } from './placement';
import type { CorrectPlacementRequest, HistoryEntry, Placement } from './schemas';

/**
 * Staff correct a client's or a VE's details (a misspelt name, an old email) before the certificate
 * is issued. What changed is kept on the history, old → new. The signer of a contract that is out for
 * signature is its client: when their name or email changes, the envelope is marked for replacement
 * (the application sends the new one and voids this one). A signed contract keeps its signer.
 */

type Corrected = { field: string; from: string; to: string };

const closedStatuses = new Set<Placement['status']>(['NOT_CERTIFIED', 'CANCELLED', 'ACTIVE']);

export function correctDetails(placement: Placement, request: CorrectPlacementRequest, stamp: Stamp): Change {
  if (placement.certificate !== undefined || closedStatuses.has(placement.status)) {
    throw new Conflict(`Details can be corrected only before the certificate is issued (the placement is ${placement.status}).`, {
      reason: 'DETAILS_FINAL',
      status: placement.status,
    });
  }
  const client = { ...placement.client, ...request.client };
  const candidate = { ...placement.candidate, ...request.candidate };
  const corrected: Corrected[] = [
    ...differences('client', placement.client, client),
    ...differences('candidate', placement.candidate, candidate),
  ];
  if (corrected.length === 0) return { placement, entries: [] };

  const signerChanged = corrected.some(({ field }) => field === 'client.name' || field === 'client.email');
  const contract = placement.contract;
  if (signerChanged && contract?.status === 'SIGNED') {
    throw new Conflict("The contract is already signed by the client as they were named: their name and email stay as signed.", {
      reason: 'CONTRACT_SIGNED',
    });
  }
  const replaceContract = signerChanged && contract?.status === 'SENT';
  const changed: Placement = {
    ...placement,
    client,
    candidate,
    updatedAt: stamp.at,
    ...(replaceContract ? { contract: { ...contract, signerCorrectedAt: stamp.at } } : {}),
  };
  const details: NonNullable<HistoryEntry['details']> = {};
  for (const { field, from, to } of corrected) details[field] = `${from} → ${to}`;
  if (request.reason !== undefined) details.reason = request.reason;
  if (replaceContract) details.contractReplaced = true;
  return {
    placement: changed,
    entries: [{ placementId: placement.id, at: stamp.at, what: 'DETAILS_CORRECTED', by: stamp.by, details }],
  };
}

function differences<T extends Record<string, string>>(prefix: string, before: T, after: T): Corrected[] {
  return Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .map((key) => ({ field: `${prefix}.${key}`, from: before[key] ?? '', to: after[key] ?? '' }));
}

/** The new envelope replaces the one whose signer was corrected; the old one is still to be voided. */
export function replaceContract(placement: Placement, replacedEnvelopeId: string, newEnvelopeId: string, stamp: Stamp): Change {
  const contract = placement.contract;
  if (contract === undefined || contract.envelopeId !== replacedEnvelopeId || contract.signerCorrectedAt === undefined) {
    return { placement, entries: [] };
  }
  return {
    placement: {
      ...placement,
      updatedAt: stamp.at,
      contract: { envelopeId: newEnvelopeId, status: 'SENT', sentAt: stamp.at, replaced: { envelopeId: replacedEnvelopeId } },
    },
    entries: [
      { placementId: placement.id, at: stamp.at, what: 'CONTRACT_SENT', by: stamp.by, details: { envelopeId: newEnvelopeId, replaces: replacedEnvelopeId } },
    ],
  };
}

/** The replaced envelope is voided at DocuSign. */
export function recordReplacedContractVoided(placement: Placement, stamp: Stamp): Change {
  const replaced = placement.contract?.replaced;
  if (placement.contract === undefined || replaced === undefined || replaced.voidedAt !== undefined) return { placement, entries: [] };
  return {
    placement: { ...placement, updatedAt: stamp.at, contract: { ...placement.contract, replaced: { ...replaced, voidedAt: stamp.at } } },
    entries: [{ placementId: placement.id, at: stamp.at, what: 'CONTRACT_VOIDED', by: stamp.by, details: { envelopeId: replaced.envelopeId } }],
  };
}
