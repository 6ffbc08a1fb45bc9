import { issueStaffToken } from '../application/staff-tokens';
import { apiContract, issuedStaffTokenSchema } from '../http/api-contract';
import { jsonBody } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { staffTokenView } from '../http/staff-token-view';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /staff-tokens'];

export const handler = staffRoute('POST /staff-tokens', async ({ event }) => {
  const identity = jsonBody(event, contract.body);
  const { token, issued } = await issueStaffToken(placements, identity, new Date(systemClock.now()));
  return json(201, issuedStaffTokenSchema.parse({ ...staffTokenView(issued), token }));
});
