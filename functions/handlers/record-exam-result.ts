import { certificateProgress, recordProctorResult } from '../application/staff-placements';
import { placementView } from '../http/views';
import { apiContract, examResultViewSchema } from '../http/api-contract';
import { jsonBody, validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

const contract = apiContract['POST /placements/{id}/exam-result'];

export const handler = staffRoute('POST /placements/{id}/exam-result', async ({ event, actor }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const result = jsonBody(event, contract.body);
  const placement = await recordProctorResult({ placements, workflow, agency, clock: systemClock }, id, result, actor);
  const certificate = certificateProgress(placement, agency);
  return json(200, examResultViewSchema.parse({ ...placementView(placement), ...(certificate === undefined ? {} : { certificate }) }));
});
