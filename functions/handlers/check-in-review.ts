import { answerCheckIn, answerLabels } from '../application/relationship';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import { formOrJsonBody, prefersJson, validate, validateLink } from '../http/request';
import { htmlPage, json } from '../http/respond';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { mailer } from '../wiring/mailer';
import { mentorCases } from '../wiring/mentor-cases';
import { placements } from '../wiring/placements';

const answered = apiContract['GET /links/{id}/check-ins/{number}'];
const commented = apiContract['POST /links/{id}/check-ins/{number}'];

/** One click in a check-in letter records the answer; the page that opens takes an optional comment. */
export const handler = httpHandler(async (event) => {
  const { id, number } = validateLink(answered.pathParameters, event.pathParameters ?? {}, 'path');
  const isComment = event.requestContext.http.method === 'POST';
  const { key } = validateLink(commented.query, event.queryStringParameters ?? {}, 'query');
  const review = isComment ? commentOf(event) : { answer: validateLink(answered.query, event.queryStringParameters ?? {}, 'query').answer, fromForm: false };
  const outcome = await answerCheckIn({ placements, mentorCases, mailer, agency, clock: systemClock, linkKeys: await clientLinkKeys() }, id, key, {
    checkIn: number,
    answer: review.answer,
    ...('comment' in review && review.comment !== undefined ? { comment: review.comment } : {}),
  });
  const body = { checkIn: number, answer: outcome.answer, ...(outcome.caseId === undefined ? {} : { caseId: outcome.caseId }) };
  if (prefersJson(event) || (isComment && !review.fromForm)) return json(200, body);
  const ve = outcome.placement.candidate.name;
  const followUp = outcome.caseId === undefined ? '' : ' A mentor will be in touch with you shortly to help.';
  if (isComment) return htmlPage(agency, { status: 200, title: 'Thank you for writing', paragraphs: [`Your comment about ${ve} is with us.${followUp}`] });
  return htmlPage(agency, {
    status: 200,
    title: `Thank you: how it is going with ${ve}`,
    paragraphs: [`You told us it is going "${answerLabels[outcome.answer]}" with ${ve}.${followUp}`, 'Would you like to add anything? It is optional; what you write goes to the mentor team.'],
    form: {
      action: `${agency.publicBaseUrl}/links/${encodeURIComponent(id)}/check-ins/${number}?key=${encodeURIComponent(key)}`,
      label: `Your comment about ${ve}`,
      maxLength: 2000,
      button: 'Send',
      hidden: { answer: outcome.answer },
    },
  });
}, { errorPages: { agency, to: 'browsers' } });

function commentOf(event: Parameters<typeof formOrJsonBody>[0]) {
  const { body, fromForm } = formOrJsonBody(event, 'comment');
  const { answer, message } = validate(commented.body, body, 'review');
  return { answer, fromForm, ...(message === undefined ? {} : { comment: message }) };
}
