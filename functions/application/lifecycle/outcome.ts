import { effectKeys } from '../../domain/effects';
import { NotFound } from '../../domain/errors';
import { newCertificateId } from '../../domain/ids';
import { andThen, changeStatus, issueCertificate } from '../../domain/placement';
import { startRelationship } from '../../domain/relationship';
import {
  certifiedClientLetter,
  certifiedVeLetter,
  notCertifiedClientLetter,
  notCertifiedNoticeLetter,
  welcomeLetter,
} from '../../emails/letters';
import { certificateDocument, verificationUrl } from '../certificates';
import { clientLinks } from '../client-links';
import { sendOnce } from '../send-once';
import { decideWith, lifecycleActor, load, type LifecycleDeps } from './common';

/** The outcome: a certificate and the VE's contact details, then the first day; or a kind no. */

/** Pass: the certificate, the VE's contact details to the client (PDF attached), a note to the VE. */
export async function issueCertificateAndTell(deps: LifecycleDeps, placementId: string) {
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

/** The first Monday: ACTIVE, and the client's welcome with the agency's three tips. */
export async function welcomeFirstDay(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  // Phase I and the first check-in begin with the first day (a resumed lifecycle finds them begun).
  if (placement.status === 'CERTIFIED' || (placement.status === 'ACTIVE' && placement.relationship === undefined)) {
    placement = (
      await decideWith(deps, placementId, (current, at) => {
        const active = current.status === 'CERTIFIED' ? changeStatus(current, 'ACTIVE', at) : { placement: current, entries: [] };
        return andThen(active, (next) => startRelationship(next, deps.agency.holidays, at));
      })
    ).placement;
  }
  await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.welcome,
    letter: (current) => welcomeLetter(current, deps.agency, clientLinks(current, deps.agency, deps.linkKeys).talkToUsUrl),
  });
  return { status: 'ACTIVE' as const };
}

/** Fail: a kind letter to the client (no contact details), Customer Service told to restart interviews. */
export async function concludeNotCertified(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  const toClient = await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.notCertifiedClient,
    letter: (current) => notCertifiedClientLetter(current, deps.agency),
  });
  await sendOnce(deps, toClient.placement, lifecycleActor, {
    key: effectKeys.notCertifiedCustomerService,
    letter: (current) => notCertifiedNoticeLetter(current, deps.agency),
  });
  return { status: 'NOT_CERTIFIED' as const };
}
