import { revokeStaffToken } from '../application/staff-tokens';
import { staffTokenRoutes, staffTokenViewSchema } from '../http/staff-credentials-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { staffTokenView } from '../http/staff-token-view';
import { systemClock } from '../wiring/clock';
import { staffCredentials } from '../wiring/staff-credentials';

const contract = staffTokenRoutes['POST /staff-tokens/{id}/revoke'];

export const handler = staffRoute('POST /staff-tokens/{id}/revoke', async ({ event }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { revoked } = await revokeStaffToken(staffCredentials, id, new Date(systemClock.now()));
  return json(200, staffTokenViewSchema.parse(staffTokenView(revoked)));
});
