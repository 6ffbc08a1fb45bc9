import { planSelection } from '../application/selection-plan';
import { apiContract } from '../http/api-contract';
import { jsonBody } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';

const contract = apiContract['POST /placements/plan'];

export const handler = staffRoute('POST /placements/plan', async ({ event, actor }) => {
  const request = jsonBody(event, contract.body);
  const timeline = planSelection({ agency, clock: systemClock }, request, actor);
  return json(200, { timeline });
});
