import { acknowledgeCase } from '../application/mentor-cases';
import { apiContract, mentorCaseViewSchema } from '../http/api-contract';
import { optionalJsonBody } from '../http/optional-body';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { systemClock } from '../wiring/clock';
import { mentorCases } from '../wiring/mentor-cases';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /cases/{id}/acknowledge'];

export const handler = staffRoute('POST /cases/{id}/acknowledge', async ({ event, identity }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const request = optionalJsonBody(event, contract.body);
  const acknowledged = await acknowledgeCase({ placements, mentorCases, clock: systemClock }, id, request, { kind: 'staff', ...identity });
  return json(200, mentorCaseViewSchema.parse(acknowledged));
});
