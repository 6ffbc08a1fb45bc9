import type { AgencyConfig } from '../domain/agency-config';
import { NotFound } from '../domain/errors';
import type { Placement } from '../domain/placement';
import { verificationUrl } from '../application/certificates';
import { certificatePdf } from './certificate-pdf';

/** The certificate PDF, always the same bytes for the same stored record. */
export async function certificateDocument(placement: Placement, agency: Pick<AgencyConfig, 'publicBaseUrl' | 'agencyTimezone' | 'branding'>) {
  const certificate = placement.certificate;
  if (certificate === undefined) throw new NotFound(`Placement ${placement.id} has no certificate.`);
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
