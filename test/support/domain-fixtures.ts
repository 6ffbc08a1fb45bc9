import { derivedClientLinkKeys } from '../../functions/adapters/secrets/client-link-keys';
import { loadAgencyConfig, type AgencyConfig } from '../../functions/domain/agency-config';
import { recordSelection, type Stamp } from '../../functions/domain/placement';
import type { CreatePlacementRequest, Placement } from '../../functions/domain/schemas';

export const agencyEnv = {
  SENDER_ADDRESS: 'certification@agency.example',
  CUSTOMER_SERVICE_EMAIL: 'care@agency.example',
  MENTOR_TEAM_EMAIL: 'mentors@agency.example',
  PROCTORS_EMAIL: 'proctors@agency.example',
  PUBLIC_BASE_URL: 'https://certify.agency.example',
};

/** The defaults: America/Chicago, sessions 09:00, exam 13:00, results by 17:00, pass mark 80, 3 reminders every 2 days. */
export const config: AgencyConfig = loadAgencyConfig(agencyEnv);

/** Link keys derived as in production, from a test secret. */
export const linkKeys = derivedClientLinkKeys('test-client-link-secret-0123456789');

export const staff: Stamp['by'] = { kind: 'staff', name: 'Dana Staff', role: 'staff' };
export const lifecycle: Stamp['by'] = { kind: 'system', component: 'lifecycle' };

export function selectionRequest(overrides: Partial<CreatePlacementRequest> = {}): CreatePlacementRequest {
  return {
    client: { name: 'Alex Client', email: 'alex@client.example', company: 'Client Co', timezone: 'America/New_York' },
    candidate: { name: 'Vee Assistant', email: 'vee@ve.example', phone: '+63 917 555 0100' },
    interviewAt: '2025-06-03T15:00:00Z',
    selectedAt: '2025-06-04T16:00:00Z',
    ...overrides,
  };
}

/** A freshly recorded selection (status SELECTED, version 1). */
export function newPlacement(id: string, overrides: Partial<CreatePlacementRequest> = {}): Placement {
  return recordSelection(selectionRequest(overrides), {
    id,
    stamp: { at: '2025-06-04T16:00:00Z', by: staff },
    config,
  }).placement;
}
