import { listStaffTokens } from '../application/staff-tokens';
import { staffTokenListSchema } from '../http/staff-credentials-contract';
import { staffTokenView } from '../http/staff-token-view';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { staffCredentials } from '../wiring/staff-credentials';

export const handler = staffRoute('GET /staff-tokens', async () => {
  const tokens = await listStaffTokens(staffCredentials);
  return json(200, staffTokenListSchema.parse({ items: tokens.map(staffTokenView) }));
});
