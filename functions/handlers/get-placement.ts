import { readPlacement } from '../application/staff-placements';
import { placementView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { placements } from '../wiring/placements';

const contract = apiContract['GET /placements/{id}'];

export const handler = staffRoute('GET /placements/{id}', async ({ event }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { placement, history, historyNextToken } = await readPlacement(placements, id);
  return json(200, placementView(placement, history, historyNextToken));
});
