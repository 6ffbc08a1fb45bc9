import { DateTime } from 'luxon';
import type { AgencyConfig } from '../domain/agency-config';
import { NotFound } from '../domain/errors';
import { revokeCertificate } from '../domain/certificate-revocation';
import type { Actor, Placement } from '../domain/placement';
import { changePlacement } from './change-placement';
import type { Clock, PlacementRepository } from './ports';

/** Where anyone checks a certificate: the public API's page for its id. */
export function verificationUrl(agency: Pick<AgencyConfig, 'publicBaseUrl'>, certificateId: string): string {
  return `${agency.publicBaseUrl}/certificates/${encodeURIComponent(certificateId)}`;
}

/** The public proof of a certificate: the VE's name, the client company, the day it was issued, and whether it still stands. */
export async function verifyCertificate(
  placements: Pick<PlacementRepository, 'findByCertificateId'>,
  certificateId: string,
  agency: Pick<AgencyConfig, 'agencyTimezone'>,
) {
  const placement = await placements.findByCertificateId(certificateId);
  const certificate = placement?.certificate;
  if (placement === undefined || certificate === undefined) {
    throw new NotFound('We issued no certificate with this id.');
  }
  // The agency's calendar day, as printed on the certificate.
  const agencyDay = (instant: string) => DateTime.fromISO(instant).setZone(agency.agencyTimezone).toISODate() ?? instant.slice(0, 10);
  const standing =
    certificate.revokedAt === undefined
      ? { status: 'VALID' as const }
      : { status: 'REVOKED' as const, revokedOn: agencyDay(certificate.revokedAt) };
  return {
    certificateId: certificate.id,
    veName: placement.candidate.name,
    clientCompany: placement.client.company,
    issuedOn: agencyDay(certificate.issuedAt),
    ...standing,
  };
}

export interface RevocationDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  clock: Clock;
}

/** An admin withdraws a certificate: from then on its verification says REVOKED, with the date. */
export async function revokeCertificateByStaff(deps: RevocationDeps, id: string, reason: string, actor: Actor): Promise<Placement> {
  const { placement } = await changePlacement(deps.placements, id, (current) => revokeCertificate(current, reason, { at: deps.clock.now(), by: actor }));
  return placement;
}
