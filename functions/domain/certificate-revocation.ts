import { Conflict } from './errors';
import type { Change, Stamp } from './placement';
import type { Placement } from './schemas';

/**
 * A certificate the agency no longer stands behind (issued in error, the placement ended badly):
 * its verification says REVOKED from then on, with the date. Revoking twice keeps the first revocation.
 */
export function revokeCertificate(placement: Placement, reason: string, stamp: Stamp): Change {
  const certificate = placement.certificate;
  if (certificate === undefined) {
    throw new Conflict(`This placement has no certificate to revoke (it is ${placement.status}).`, { reason: 'NO_CERTIFICATE', status: placement.status });
  }
  if (certificate.revokedAt !== undefined) return { placement, entries: [] };
  return {
    placement: { ...placement, updatedAt: stamp.at, certificate: { ...certificate, revokedAt: stamp.at, revocationReason: reason } },
    entries: [
      { placementId: placement.id, at: stamp.at, what: 'CERTIFICATE_REVOKED', by: stamp.by, details: { certificateId: certificate.id, reason } },
    ],
  };
}
