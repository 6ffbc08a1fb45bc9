import { certificateDocument } from '../../documents/certificate-document';
import { contractEnvelope } from '../../documents/contract-envelope';
import { effectKeys } from '../../domain/effects';
import { NotFound } from '../../domain/errors';
import { newCertificateId } from '../../domain/ids';
import { carryOverReserve, isFinished, issueCertificate, recordContractSent, reserveToCarryOver } from '../../domain/placement';
import { certifiedClientLetter, certifiedVeLetter } from '../../emails/letters';
import { verificationUrl } from '../certificates';
import { openReserveCheckout } from '../client-links';
import { sendOnce } from '../send-once';
import { decideWith, lifecycleActor, load, type DocumentStepDeps } from './common';

/** The two steps that draw a PDF: the contract DocuSign carries, and the certificate the client gets. */

/** Creates the DocuSign envelope and the reserve checkout (or carries a funded reserve over), once each. */
export async function prepareContractAndReserve(deps: DocumentStepDeps, placementId: string): Promise<{ prepared: true }> {
  let placement = await load(deps, placementId);
  if (isFinished(placement.status)) return { prepared: true };

  if (placement.reserve === undefined) {
    const previous = reserveToCarryOver(placement, await deps.placements.listByClient(placement.client.email));
    if (previous !== undefined) {
      placement = (await decideWith(deps, placementId, (current, at) => carryOverReserve(current, previous, at))).placement;
    }
  }
  if (placement.contract === undefined) {
    const envelope = await deps.contracts.sendContract(await contractEnvelope(placement, deps.agency, deps.clock.now()));
    placement = (
      await decideWith(deps, placementId, (current, at) => recordContractSent(current, envelope.envelopeId, at))
    ).placement;
  }
  if (placement.reserve === undefined) await openReserveCheckout(deps, placement, 'first');
  return { prepared: true };
}

/** Pass: the certificate, the VE's contact details to the client (PDF attached), a note to the VE. */
export async function issueCertificateAndTell(deps: DocumentStepDeps, placementId: string) {
  const { placement: certified } = await decideWith(deps, placementId, (current, at) =>
    issueCertificate(current, newCertificateId(Date.parse(at.at)), at),
  );
  const certificate = certified.certificate;
  if (certificate === undefined) throw new NotFound(`Placement ${placementId} has no certificate.`);
  const link = { id: certificate.id, verificationUrl: verificationUrl(deps.agency, certificate.id) };
  const pdf = await certificateDocument(certified, deps.agency);
  const toClient = await sendOnce(deps, certified, lifecycleActor, {
    key: effectKeys.certifiedClient,
    letter: (current) => certifiedClientLetter(current, deps.agency, link),
    attachments: [{ filename: `certificate-${certificate.id}.pdf`, contentType: 'application/pdf', content: pdf }],
  });
  const { placement } = await sendOnce(deps, toClient.placement, lifecycleActor, {
    key: effectKeys.certifiedVe,
    letter: (current) => certifiedVeLetter(current, deps.agency, link),
  });
  return { startsAt: placement.timeline.startsAt };
}
