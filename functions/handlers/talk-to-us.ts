import { DateTime } from 'luxon';
import { openTalkToUsCase } from '../application/talk-to-us';
import { InvalidInput } from '../domain/errors';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import { formOrJsonBody, requestHeader, validate, validateLink } from '../http/request';
import { htmlPage, json } from '../http/respond';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { allowances } from '../wiring/allowances';
import { mentorCases } from '../wiring/mentor-cases';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /links/{id}/talk-to-us'];

export const handler = httpHandler(async (event) => {
  const { id } = validateLink(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { key } = validateLink(contract.query, event.queryStringParameters ?? {}, 'query');
  // The link's page posts a form; other clients may send JSON.
  const { body, fromForm } = formOrJsonBody(event, 'message');
  const { message, submission } = validate(contract.body, body, 'message');
  const submissionId = submission ?? idempotencyKey(event);
  const outcome = await openTalkToUsCase({ placements, mentorCases, allowances, linkKeys: await clientLinkKeys(), mailer, agency, clock: systemClock }, id, key, {
    message,
    ...(submissionId === undefined ? {} : { submissionId }),
  });
  if (!outcome.opened) return tooManyCases(outcome.tryAgainAt, outcome.clientTimezone, fromForm);
  if (fromForm) {
    return htmlPage(agency, {
      status: 201,
      title: 'Thank you',
      paragraphs: ['Your message is with the mentor team; a mentor will write back to you by email.'],
    });
  }
  return json(201, { caseId: outcome.caseId });
}, { errorPages: { agency, to: 'browsers' } });

function idempotencyKey(event: Parameters<typeof requestHeader>[0]): string | undefined {
  const value = requestHeader(event, 'idempotency-key');
  if (value === undefined) return undefined;
  if (!/^[0-9A-Za-z_-]{10,64}$/.test(value)) throw new InvalidInput('The Idempotency-Key header must be 10 to 64 letters, digits, - or _.', { field: 'Idempotency-Key' });
  return value;
}

/** The day's cases are open already: when to write again, or to call, and Retry-After for programs. */
function tooManyCases(tryAgainAt: string, clientTimezone: string, forPerson: boolean) {
  const retryAfter = String(Math.max(1, Math.ceil((Date.parse(tryAgainAt) - Date.parse(systemClock.now())) / 1000)));
  const when = DateTime.fromISO(tryAgainAt).setZone(clientTimezone).toFormat('cccc d LLLL, HH:mm ZZZZ');
  if (forPerson) {
    return htmlPage(
      agency,
      {
        status: 429,
        title: 'Thank you for writing',
        paragraphs: [`You have written to the mentor team several times today, and every message is with them. You can write again from ${when}.`],
        help: 'If it cannot wait, our Customer Service Team will reach a mentor for you',
      },
      { 'retry-after': retryAfter },
    );
  }
  return json(
    429,
    { error: { code: 'TOO_MANY_CASES', message: `This placement has opened its cases for the day; write again from ${tryAgainAt}.`, details: { tryAgainAt } } },
    { 'retry-after': retryAfter },
  );
}
