import { resumePlacement } from '../application/resume-placement';
import { placementView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

const contract = apiContract['POST /placements/{id}/resume'];

export const handler = staffRoute('POST /placements/{id}/resume', async ({ event, actor }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const placement = await resumePlacement({ placements, workflow, clock: systemClock }, id, actor);
  return json(202, placementView(placement));
});
