import { acceptPhase, offeredPhase } from '../application/relationship';
import { Conflict } from '../domain/errors';
import { phaseNames } from '../domain/relationship';
import { apiContract } from '../http/api-contract';
import { httpHandler } from '../http/http-handler';
import type { Page } from '../http/pages';
import { prefersJson, validateLink } from '../http/request';
import { htmlPage, json } from '../http/respond';
import { agency } from '../wiring/agency';
import { clientLinkKeys } from '../wiring/client-link-keys';
import { systemClock } from '../wiring/clock';
import { placements } from '../wiring/placements';

const contract = apiContract['POST /links/{id}/phase/{phase}'];

const offerChanged = (phase: string, veName: string): Page => ({
  status: 409,
  title: 'This offer has changed',
  paragraphs: [`Phase ${phase} with ${veName} is not on offer at the moment. Our mentor team at ${agency.mentorTeamEmail} is glad to talk it through.`],
  help: 'Our Customer Service Team is glad to help too',
});

/**
 * The next phase a check-in offered. Opening the link shows what it means and a button: a move is a
 * decision, so a mail scanner following the link changes nothing; the button's POST accepts it.
 */
export const handler = httpHandler(async (event) => {
  const { id, phase } = validateLink(contract.pathParameters, event.pathParameters ?? {}, 'path');
  const { key } = validateLink(contract.query, event.queryStringParameters ?? {}, 'query');
  const deps = { placements, linkKeys: await clientLinkKeys(), clock: systemClock };
  const forProgram = prefersJson(event);
  if (event.requestContext.http.method === 'GET') {
    const placement = await offeredPhase(deps, id, key);
    const relationship = placement.relationship;
    const ve = placement.candidate.name;
    if (relationship?.phase === phase) {
      return forProgram ? json(200, { phase }) : htmlPage(agency, { status: 200, title: `You are in Phase ${phase}`, paragraphs: [`You and ${ve} are working in ${phaseNames[phase]}.`] });
    }
    if (relationship?.suggestedPhase?.phase !== phase) {
      if (forProgram) throw new Conflict(`Phase ${phase} is not on offer for this placement.`, { reason: 'PHASE_NOT_OFFERED' });
      return htmlPage(agency, offerChanged(phase, ve));
    }
    return htmlPage(agency, {
      status: 200,
      title: `Move to Phase ${phase} with ${ve}?`,
      paragraphs: [`${phaseNames[phase]}.`, `You can move on with ${ve} whenever you are ready; the mentor team will help you both with the handover.`],
      form: { action: `${agency.publicBaseUrl}/links/${encodeURIComponent(id)}/phase/${phase}?key=${encodeURIComponent(key)}`, button: `Move to Phase ${phase}` },
    });
  }
  try {
    const placement = await acceptPhase(deps, id, key, phase);
    if (forProgram) return json(200, { phase: placement.relationship?.phase ?? phase });
    return htmlPage(agency, {
      status: 200,
      title: `Welcome to Phase ${phase}`,
      paragraphs: [`You and ${placement.candidate.name} are now in ${phaseNames[phase]}. Our mentor team will be in touch about the handover.`],
    });
  } catch (error) {
    if (!(error instanceof Conflict) || forProgram) throw error;
    const placement = await offeredPhase(deps, id, key);
    return htmlPage(agency, offerChanged(phase, placement.candidate.name));
  }
}, { errorPages: { agency, to: 'browsers' } });
