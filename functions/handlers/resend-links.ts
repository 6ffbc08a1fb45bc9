import { resendOnboardingLinks } from '../application/staff-placements';
import { placementView } from '../http/views';
import { apiContract } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /placements/{id}/resend-links'];

export const handler = staffRoute('POST /placements/{id}/resend-links', async ({ event, actor }) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const placement = await resendOnboardingLinks({ placements, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock }, id, actor);
  return json(202, placementView(placement));
});
