import { correctPlacementDetails } from '../application/corrections';
import { placementView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { jsonBody, validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { placements } from '../wiring/placements';
import { contracts } from '../wiring/providers';

const contract = apiContract['PATCH /placements/{id}'];

export const handler = staffRoute('PATCH /placements/{id}', async ({ event, actor }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const request = jsonBody(event, contract.body);
  const placement = await correctPlacementDetails({ placements, contracts, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock }, id, request, actor);
  return json(200, placementView(placement));
});
