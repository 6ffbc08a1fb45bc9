import { followClientLink } from '../application/client-links';
import { newCaseId } from '../domain/ids';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import { validate } from '../http/request';
import { htmlPage } from '../http/respond';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { allowances, placements } from '../wiring/placements';
import { billing, contracts } from '../wiring/providers';

const contract = apiContract['GET /links/{id}/{document}'];

const notes: Record<'signed' | 'funded' | 'closed' | 'not-started' | 'done', [title: string, message: string]> = {
  signed: ['The contract is signed', 'Thank you: your signed contract reached us. There is nothing more to do here.'],
  funded: ['The reserve is funded', 'Thank you: your billing reserve is in place. There is nothing more to do here.'],
  closed: ['This placement is closed', 'There is nothing to do here any more. Our Customer Service Team can help with any question.'],
  'not-started': ['Not yet', 'The mentor team takes cases once your VE is certified. Until then, our Customer Service Team is glad to help.'],
  done: ['Thank you', 'We have it from here, and will email you as soon as everything is in place.'],
};

export const handler = httpHandler(async (event) => {
  const { id, document } = validate(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { key, done } = validate(contract.query, event.queryStringParameters ?? {}, 'query');
  // The provider sends the client back here when they are done; the webhook carries the fact itself.
  if (done !== undefined) return htmlPage(200, ...notes.done);
  const outcome = await followClientLink({ placements, contracts, billing, allowances, linkKeys: await clientLinkKeys(), agency, clock: systemClock }, id, document, key ?? '');
  if ('redirectTo' in outcome) return { statusCode: 302, headers: { location: outcome.redirectTo, 'cache-control': 'no-store' }, body: '' };
  if ('busy' in outcome) {
    const page = htmlPage(429, 'Please try again in a few minutes', 'This link has been opened many times in the last few minutes, so we paused it for a moment. Please try again in ten minutes; our Customer Service Team is glad to help in the meantime.');
    const retryAfter = String(Math.max(1, Math.ceil((Date.parse(outcome.tryAgainAt) - Date.parse(systemClock.now())) / 1000)));
    return { ...page, headers: { ...page.headers, 'retry-after': retryAfter } };
  }
  if ('form' in outcome) {
    return htmlPage(200, 'Talk to us', 'Tell the mentor team what is on your mind: something not working, a task you are unsure how to hand over, a question. A mentor will write back.', {
      action: `${agency.publicBaseUrl}/links/${encodeURIComponent(id)}/talk-to-us?key=${encodeURIComponent(key ?? '')}`,
      label: 'Your message',
      button: 'Send to the mentor team',
      // One per page shown: the browser sending the form again opens no second case.
      hidden: { submission: newCaseId() },
    });
  }
  return htmlPage(200, ...notes[outcome.note]);
});
