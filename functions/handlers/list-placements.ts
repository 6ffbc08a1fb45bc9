import { listPlacements } from '../application/staff-placements';
import { placementView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { placements } from '../wiring/placements';
import { placementsNewestFirst } from '../wiring/placements-newest-first';

const contract = apiContract['GET /placements'];

export const handler = staffRoute('GET /placements', async ({ event }) => {
  const query = validate(contract.query, event.queryStringParameters ?? {}, 'query');
  const page = await listPlacements({ placements, newestFirst: placementsNewestFirst }, query);
  return json(200, {
    items: page.items.map((placement) => placementView(placement)),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  });
});
