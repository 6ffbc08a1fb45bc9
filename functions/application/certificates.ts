import { DateTime } from 'luxon';
import type { AgencyConfig } from '../domain/agency-config';
import { NotFound } from '../domain/errors';
import type { Placement } from '../domain/placement';
import type { PlacementRepository } from './ports';

/** Where anyone checks a certificate: the public API's page for its id. */
export function verificationUrl(agency: Pick<AgencyConfig, 'publicBaseUrl'>, certificateId: string): string {
  return `${agency.publicBaseUrl}/certificates/${encodeURIComponent(certificateId)}`;
}

/** The certificate PDF, always the same bytes for the same stored record. */
export async function certificateDocument(placement: Placement, agency: Pick<AgencyConfig, 'publicBaseUrl' | 'agencyTimezone' | 'branding'>) {
  const certificate = placement.certificate;
  if (certificate === undefined) throw new NotFound(`Placement ${placement.id} has no certificate.`);
  // Loaded here, not at the top: the public certificate check shares this module and needs no PDF library.
  const { certificatePdf } = await import('../documents/certificate-pdf');
  return certificatePdf({
    certificateId: certificate.id,
    veName: placement.candidate.name,
    clientCompany: placement.client.company,
    issuedOn: new Date(certificate.issuedAt).toLocaleDateString('en-US', {
      timeZone: agency.agencyTimezone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }),
    issuedAt: certificate.issuedAt,
    verificationUrl: verificationUrl(agency, certificate.id),
    agency: agency.branding,
  });
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
