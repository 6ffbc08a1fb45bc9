import type { ClientLinkKeys, Clock, ContractProvider, Mailer, PlacementRepository } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { correctDetails, recordReplacedContractVoided, replaceContract } from '../domain/corrections';
import { effectKeys } from '../domain/effects';
import type { Actor, Placement } from '../domain/placement';
import type { CorrectPlacementRequest } from '../domain/schemas';
import { contractEnvelope } from '../documents/contract-envelope';
import { onboardingLinksLetter } from '../emails/letters';
import { changePlacement } from './change-placement';
import { clientLinks } from './client-links';
import { sendOnce } from './send-once';

export interface CorrectionDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  contracts: Pick<ContractProvider, 'sendContract' | 'voidEnvelope'>;
  mailer: Mailer;
  linkKeys: ClientLinkKeys;
  agency: Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone' | 'publicBaseUrl' | 'reserveAmountMinor' | 'reserveCurrency' | 'branding'>;
  clock: Clock;
}

/**
 * Staff correct the client's or the VE's details. When the client's name or email changed while the
 * contract is out for signature, a new envelope goes to the corrected signer, the old one is voided
 * and the client gets the links again, each once: a retried request finishes what the first began.
 */
export async function correctPlacementDetails(deps: CorrectionDeps, id: string, request: CorrectPlacementRequest, actor: Actor): Promise<Placement> {
  const stamp = () => ({ at: deps.clock.now(), by: actor });
  let { placement } = await changePlacement(deps.placements, id, (current) => correctDetails(current, request, stamp()));

  const contract = placement.contract;
  if (contract?.signerCorrectedAt !== undefined && contract.status === 'SENT') {
    const replacement = await deps.contracts.sendContract(await contractEnvelope(placement, deps.agency, deps.clock.now()));
    ({ placement } = await changePlacement(deps.placements, id, (current) =>
      replaceContract(current, contract.envelopeId, replacement.envelopeId, stamp()),
    ));
  }
  const replaced = placement.contract?.replaced;
  if (replaced !== undefined && replaced.voidedAt === undefined) {
    await deps.contracts.voidEnvelope(replaced.envelopeId, 'Replaced by an envelope with the corrected signer.');
    ({ placement } = await changePlacement(deps.placements, id, (current) => recordReplacedContractVoided(current, stamp())));
    const envelopeId = placement.contract?.envelopeId;
    if (envelopeId !== undefined) {
      ({ placement } = await sendOnce(deps, placement, actor, {
        key: effectKeys.correctedContractLinks(envelopeId),
        letter: (current) => onboardingLinksLetter(current, clientLinks(current, deps.agency, deps.linkKeys), deps.agency, true, deps.clock.now()),
      }));
    }
  }
  return placement;
}
