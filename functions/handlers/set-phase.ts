import { setPhase } from '../application/relationship';
import { apiContract } from '../http/api-contract';
import { jsonBody, validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { placementView } from '../http/views';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /placements/{id}/phase'];

export const handler = staffRoute('POST /placements/{id}/phase', async ({ event, actor }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const request = jsonBody(event, contract.body);
  const placement = await setPhase({ placements, clock: systemClock }, id, request, actor);
  return json(200, placementView(placement));
});
