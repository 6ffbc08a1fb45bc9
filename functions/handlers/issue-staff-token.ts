import { issueStaffToken } from '../application/staff-tokens';
import { issuedStaffTokenSchema, staffTokenRoutes } from '../http/staff-credentials-contract';
import { jsonBody } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { staffTokenView } from '../http/staff-token-view';
import { systemClock } from '../wiring/clock';
import { staffCredentials } from '../wiring/staff-credentials';

const contract = staffTokenRoutes['POST /staff-tokens'];

export const handler = staffRoute('POST /staff-tokens', async ({ event }) => {
  const identity = jsonBody(event, contract.body);
  const { token, issued } = await issueStaffToken(staffCredentials, identity, new Date(systemClock.now()));
  return json(201, issuedStaffTokenSchema.parse({ ...staffTokenView(issued), token }));
});
