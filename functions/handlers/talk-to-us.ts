import { openTalkToUsCase } from '../application/talk-to-us';
import { InvalidInput } from '../domain/errors';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import { parseJson, rawBody, requestHeader, validate } from '../http/request';
import { htmlPage, json } from '../http/respond';
import { agency } from '../wiring/agency';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /links/{id}/talk-to-us'];

export const handler = httpHandler(async (event) => {
  const { id } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { key } = validate(contract.query, event.queryStringParameters ?? {}, 'query');
  const contentType = (requestHeader(event, 'content-type') ?? '').toLowerCase();
  // The link's page posts a form; other clients may send JSON.
  const fromForm = contentType.startsWith('application/x-www-form-urlencoded');
  if (!fromForm && !/^application\/([\w.+-]+\+)?json\b/.test(contentType)) {
    throw new InvalidInput('Send the message as JSON or as the form of the "Talk to us" page.', { contentType });
  }
  const body = fromForm ? Object.fromEntries(new URLSearchParams(rawBody(event))) : parseJson(rawBody(event));
  const { message } = validate(contract.body, body, 'message');
  const { caseId } = await openTalkToUsCase({ placements, mailer, agency, clock: systemClock }, id, key, message);
  if (fromForm) return htmlPage(201, 'Thank you', 'Your message is with the mentor team; a mentor will write back to you by email.');
  return json(201, { caseId });
});
