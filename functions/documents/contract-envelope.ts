import type { AgencyConfig } from '../domain/agency-config';
import type { Placement } from '../domain/placement';
import type { ContractEnvelopeRequest } from '../application/ports';
import { formatMoney } from '../emails/format';
import { calendarDay } from '../emails/layout';
import { contractPdf } from './contract-pdf';

/** The services agreement for the client to sign, drawn with the placement's names as they are now. */
export async function contractEnvelope(
  placement: Placement,
  agency: Pick<AgencyConfig, 'reserveAmountMinor' | 'reserveCurrency' | 'publicBaseUrl'>,
  issuedAt: string,
): Promise<ContractEnvelopeRequest> {
  return {
    placementId: placement.id,
    signer: { name: placement.client.name, email: placement.client.email },
    emailSubject: `Services agreement for ${placement.candidate.name}`,
    document: {
      name: 'Virtual Employee Services Agreement',
      pdf: await contractPdf(
        {
          placementId: placement.id,
          clientName: placement.client.name,
          clientCompany: placement.client.company,
          veName: placement.candidate.name,
          certificationWeek: calendarDay(placement.timeline.certificationWeek),
          reserveAmount: formatMoney(agency.reserveAmountMinor, agency.reserveCurrency),
        },
        issuedAt,
      ),
    },
    returnUrl: `${agency.publicBaseUrl}/`,
  };
}
