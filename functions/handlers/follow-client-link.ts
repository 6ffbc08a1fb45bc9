import { followClientLink } from '../application/client-links';
import { newCaseId } from '../domain/ids';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import type { Page } from '../http/pages';
import { validateLink } from '../http/request';
import { htmlPage } from '../http/respond';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { allowances } from '../wiring/allowances';
import { placements } from '../wiring/placements';
import { billing, contracts } from '../wiring/providers';

const contract = apiContract['GET /links/{id}/{document}'];

const notes: Record<'signed' | 'funded' | 'cancelled' | 'closed' | 'not-started' | 'done', Page> = {
  signed: { status: 200, title: 'The contract is signed', paragraphs: ['Thank you: your signed contract reached us. There is nothing more to do here.'] },
  funded: { status: 200, title: 'The reserve is funded', paragraphs: ['Thank you: your billing reserve is in place. There is nothing more to do here.'] },
  // 410: the link worked once and never will again; a person should not keep trying it.
  cancelled: {
    status: 410,
    title: 'This placement was cancelled',
    paragraphs: ['The placement this link belongs to was cancelled, so there is nothing to sign, pay or send here any more.'],
    help: 'If you did not expect this, or would like to start again, our Customer Service Team will help',
  },
  closed: {
    status: 410,
    title: 'This placement is closed',
    paragraphs: ['There is nothing to do with this link any more.'],
    help: 'Our Customer Service Team can help with any question',
  },
  'not-started': {
    status: 200,
    title: 'Not yet',
    paragraphs: ['The mentor team takes cases once your VE is certified.'],
    help: 'Until then, our Customer Service Team is glad to help',
  },
  done: { status: 200, title: 'Thank you', paragraphs: ['We have it from here, and will email you as soon as everything is in place.'] },
};

export const handler = httpHandler(
  async (event) => {
    const { id, document } = validateLink(contract.pathParameters, event.pathParameters ?? {}, 'path');
    const { key, done } = validateLink(contract.query, event.queryStringParameters ?? {}, 'query');
    // The provider sends the client back here when they are done; the webhook carries the fact itself.
    if (done !== undefined) return htmlPage(agency, notes.done);
    const outcome = await followClientLink({ placements, contracts, billing, allowances, linkKeys: await clientLinkKeys(), agency, clock: systemClock }, id, document, key ?? '');
    if ('redirectTo' in outcome) return { statusCode: 302, headers: { location: outcome.redirectTo, 'cache-control': 'no-store' }, body: '' };
    if ('busy' in outcome) {
      const retryAfter = String(Math.max(1, Math.ceil((Date.parse(outcome.tryAgainAt) - Date.parse(systemClock.now())) / 1000)));
      return htmlPage(
        agency,
        {
          status: 429,
          title: 'Please try again in a few minutes',
          paragraphs: ['This link has been opened many times in the last few minutes, so we paused it for a moment. Please try again in ten minutes.'],
          help: 'Our Customer Service Team is glad to help in the meantime',
        },
        { 'retry-after': retryAfter },
      );
    }
    if ('form' in outcome) {
      return htmlPage(agency, {
        status: 200,
        title: 'Talk to us',
        paragraphs: [
          `Tell the mentor team what is on your mind about working with ${outcome.veName}: something not working, a task you are unsure how to hand over, a question. A mentor will write back by email.`,
        ],
        form: {
          action: `${agency.publicBaseUrl}/links/${encodeURIComponent(id)}/talk-to-us?key=${encodeURIComponent(key ?? '')}`,
          label: 'Your message',
          button: 'Send to the mentor team',
          // One per page shown: the browser sending the form again opens no second case.
          hidden: { submission: newCaseId() },
        },
      });
    }
    return htmlPage(agency, notes[outcome.note]);
  },
  { errorPages: { agency, to: 'browsers' } },
);
