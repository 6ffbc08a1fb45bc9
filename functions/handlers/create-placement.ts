import { recordNewSelection } from '../application/staff-placements';
import { placementView } from '../http/views';
import { newPlacementId } from '../domain/ids';
import { apiContract } from '../http/api-contract';
import { jsonBody, validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';
import { workflow } from '../wiring/workflow';

const contract = apiContract['POST /placements'];

export const handler = staffRoute('POST /placements', async ({ event, actor }) => {
  const request = jsonBody(event, contract.body);
  const { 'idempotency-key': idempotencyKey } = validate(contract.headers, event.headers ?? {}, 'Idempotency-Key header');
  const { placement, replayed } = await recordNewSelection(
    { placements, workflow, agency, clock: systemClock, newId: () => newPlacementId() },
    request,
    actor,
    idempotencyKey,
  );
  return json(201, placementView(placement), replayed ? { 'idempotent-replayed': 'true' } : {});
});
