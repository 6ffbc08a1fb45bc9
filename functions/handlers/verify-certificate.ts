import { verifyCertificate } from '../application/certificates';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { agency } from '../wiring/agency';
import { placements } from '../wiring/placements';

const contract = apiContract['GET /certificates/{id}'];

export const handler = httpHandler(async (event) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  // Not cached: a revocation must show at once.
  return json(200, await verifyCertificate(placements, id, agency), { 'cache-control': 'no-cache' });
});
