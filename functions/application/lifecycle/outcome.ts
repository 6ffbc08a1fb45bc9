import { effectKeys } from '../../domain/effects';
import { andThen, changeStatus } from '../../domain/placement';
import { startRelationship } from '../../domain/relationship';
import { notCertifiedClientLetter, notCertifiedNoticeLetter, welcomeLetter } from '../../emails/letters';
import { clientLinks } from '../client-links';
import { sendOnce } from '../send-once';
import { decideWith, lifecycleActor, load, type LifecycleDeps } from './common';

/** The outcome: the first day after the certificate (issued in ./documents); or a kind no. */

/** The first Monday: ACTIVE, and the client's welcome with the agency's three tips. */
export async function welcomeFirstDay(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  // Phase I and the first check-in begin with the first day (a resumed lifecycle finds them begun).
  if (placement.status === 'CERTIFIED' || (placement.status === 'ACTIVE' && placement.relationship === undefined)) {
    placement = (
      await decideWith(deps, placementId, (current, at) => {
        const active = current.status === 'CERTIFIED' ? changeStatus(current, 'ACTIVE', at) : { placement: current, entries: [] };
        return andThen(active, (next) => startRelationship(next, deps.agency.holidays, at));
      })
    ).placement;
  }
  await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.welcome,
    letter: (current) => welcomeLetter(current, deps.agency, clientLinks(current, deps.agency, deps.linkKeys).talkToUsUrl),
  });
  return { status: 'ACTIVE' as const };
}

/** Fail: a kind letter to the client (no contact details), Customer Service told to restart interviews. */
export async function concludeNotCertified(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  const toClient = await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.notCertifiedClient,
    letter: (current) => notCertifiedClientLetter(current, deps.agency),
  });
  await sendOnce(deps, toClient.placement, lifecycleActor, {
    key: effectKeys.notCertifiedCustomerService,
    letter: (current) => notCertifiedNoticeLetter(current, deps.agency),
  });
  return { status: 'NOT_CERTIFIED' as const };
}
