import { listStaffTokens } from '../application/staff-tokens';
import { staffTokenListSchema } from '../http/api-contract';
import { staffTokenView } from '../http/staff-token-view';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { placements } from '../wiring/placements';

export const handler = staffRoute('GET /staff-tokens', async () => {
  const tokens = await listStaffTokens(placements);
  return json(200, staffTokenListSchema.parse({ items: tokens.map(staffTokenView) }));
});
