import { listCases } from '../application/mentor-cases';
import { apiContract, mentorCaseViewSchema } from '../http/api-contract';
import { validate } from '../http/request';
import { json } from '../http/respond';
import { staffRoute } from '../http/staff-route';
import { mentorCases } from '../wiring/mentor-cases';

const contract = apiContract['GET /cases'];

export const handler = staffRoute('GET /cases', async ({ event }) => {
  const query = validate(contract.query, event.queryStringParameters ?? {}, 'query');
  const page = await listCases(mentorCases, query);
  return json(200, {
    items: page.items.map((mentorCase) => mentorCaseViewSchema.parse(mentorCase)),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  });
});
