import { revokeStaffToken } from '../application/staff-tokens';
import { apiContract, staffTokenViewSchema } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { staffTokenView } from '../http/staff-token-view';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /staff-tokens/{id}/revoke'];

export const handler = staffRoute('POST /staff-tokens/{id}/revoke', async ({ event }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { revoked } = await revokeStaffToken(placements, id, new Date(systemClock.now()));
  return json(200, staffTokenViewSchema.parse(staffTokenView(revoked)));
});
