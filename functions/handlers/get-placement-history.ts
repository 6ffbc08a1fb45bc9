import { readPlacementHistory } from '../application/staff-placements';
import { historyEntryView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { placements } from '../wiring/placements';

const contract = apiContract['GET /placements/{id}/history'];

export const handler = staffRoute('GET /placements/{id}/history', async ({ event }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const query = validate(contract.query, event.queryStringParameters ?? {}, 'query');
  const page = await readPlacementHistory(placements, id, query);
  return json(200, { items: page.items.map(historyEntryView), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
});
