import { DateTime } from 'luxon';
import type { AgencyConfig } from '../domain/agency-config';
import { NotFound } from '../domain/errors';
import type { PlacementRepository } from './ports';

/** The public proof of a certificate: the VE's name, the day it was issued, and that it is genuine. */
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
  return {
    certificateId: certificate.id,
    veName: placement.candidate.name,
    // The agency's calendar day, as printed on the certificate.
    issuedOn: DateTime.fromISO(certificate.issuedAt).setZone(agency.agencyTimezone).toISODate() ?? certificate.issuedAt.slice(0, 10),
    status: 'VALID' as const,
  };
}
