import { revokeCertificateByStaff } from '../application/certificates';
import { placementView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { jsonBody, validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /placements/{id}/revoke-certificate'];

export const handler = staffRoute('POST /placements/{id}/revoke-certificate', async ({ event, actor }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { reason } = jsonBody(event, contract.body);
  const placement = await revokeCertificateByStaff({ placements, clock: systemClock }, id, reason, actor);
  return json(200, placementView(placement));
});
