import { effectKeys } from '../../domain/effects';
import { paperworkFollowUp, type PaperworkFollowUp } from '../../domain/follow-ups';
import { attentionReasons, flagForAttention, recordLinksSent, recordReminderSent, type Placement } from '../../domain/placement';
import { onboardingLinksLetter, paperworkEscalationLetter, paperworkReminderLetter } from '../../emails/letters';
import { clientLinks } from '../client-links';
import { sendOnce } from '../send-once';
import { lifecycleActor, load, secondsUntil, weekInSeconds, type LifecycleDeps } from './common';
import { waitForPeople } from './waits';

/** Onboarding: the links email, then reminders until the contract and the reserve are done (both prepared in ./documents). */

/** The client's letter: both links, the week, Customer Service. Moves SELECTED → AWAITING_ONBOARDING (or READY). */
export async function sendOnboardingLinks(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  if (placement.status !== 'SELECTED') return nextPaperworkCheck(deps, placement);
  const { placement: sent } = await sendOnce(deps, placement, lifecycleActor, {
    key: effectKeys.onboardingLinks,
    letter: (current) => onboardingLinksLetter(current, clientLinks(current, deps.agency, deps.linkKeys), deps.agency, false, deps.clock.now()),
    alongside: (current, at) => (current.status === 'SELECTED' ? recordLinksSent(current, at) : { placement: current, entries: [] }),
  });
  return nextPaperworkCheck(deps, sent);
}

/** When the paperwork wait should next time out: the next reminder or escalation, or a weekly look. */
function nextPaperworkCheck(deps: LifecycleDeps, placement: Placement) {
  const now = deps.clock.now();
  const followUp = paperworkFollowUp(placement, deps.agency, now);
  // A follow-up already due (a resumed execution catching up) comes at the shortest timeout.
  if (followUp.kind !== 'wait') return { secondsUntilNextCheck: secondsUntil(now, now) };
  return { secondsUntilNextCheck: followUp.until === undefined ? weekInSeconds : secondsUntil(followUp.until, now) };
}

/** The callback task: the contract and the reserve, in either order. */
export function awaitPaperwork(deps: LifecycleDeps, placementId: string, taskToken: string) {
  return waitForPeople(deps, placementId, 'paperwork', taskToken).then((outcome) => ({ outcome }));
}

/**
 * The paperwork wait timed out: send the reminder that is due, or after the last one escalate to
 * Customer Service once; then wait again. (The links open fresh provider sessions when followed.)
 */
export async function checkOnPaperwork(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  return nextPaperworkCheck(deps, await followUpOnPaperwork(deps, placement, paperworkFollowUp(placement, deps.agency, deps.clock.now())));
}

async function followUpOnPaperwork(deps: LifecycleDeps, placement: Placement, followUp: PaperworkFollowUp): Promise<Placement> {
  if (followUp.kind === 'reminder') {
    const { number, of } = followUp;
    const reminded = await sendOnce(deps, placement, lifecycleActor, {
      key: effectKeys.paperworkReminder(number),
      letter: (current) =>
        paperworkReminderLetter(current, clientLinks(current, deps.agency, deps.linkKeys), deps.agency, { number, of }, deps.clock.now()),
      alongside: (current, at) => recordReminderSent(current, number, at),
    });
    return reminded.placement;
  }
  if (followUp.kind === 'escalate') {
    const escalated = await sendOnce(deps, placement, lifecycleActor, {
      key: effectKeys.paperworkEscalation,
      letter: (current) => paperworkEscalationLetter(current, deps.agency, deps.clock.now()),
      alongside: (current, at) => flagForAttention(current, attentionReasons.paperworkNotDone, at),
    });
    return escalated.placement;
  }
  return placement;
}
