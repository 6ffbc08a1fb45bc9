import { contractPdf } from '../../documents/contract-pdf';
import type { AgencyConfig } from '../../domain/agency-config';
import { effectKeys } from '../../domain/effects';
import { paperworkFollowUp, type PaperworkFollowUp } from '../../domain/follow-ups';
import {
  attentionReasons,
  carryOverReserve,
  flagForAttention,
  isFinished,
  recordContractSent,
  recordLinksSent,
  recordReminderSent,
  reserveToCarryOver,
  type Placement,
} from '../../domain/placement';
import { formatMoney } from '../../emails/format';
import { calendarDay } from '../../emails/layout';
import { onboardingLinksLetter, paperworkEscalationLetter, paperworkReminderLetter } from '../../emails/letters';
import { clientLinks, openReserveCheckout } from '../client-links';
import type { ContractEnvelopeRequest } from '../ports';
import { sendOnce } from '../send-once';
import { decideWith, lifecycleActor, load, secondsUntil, weekInSeconds, type LifecycleDeps } from './common';
import { waitForPeople } from './waits';

/** Onboarding: the contract and the reserve prepared, the links email, then reminders until both are done. */

/** Creates the DocuSign envelope and the reserve checkout (or carries a funded reserve over), once each. */
export async function prepareContractAndReserve(deps: LifecycleDeps, placementId: string): Promise<{ prepared: true }> {
  let placement = await load(deps, placementId);
  if (isFinished(placement.status)) return { prepared: true };

  if (placement.reserve === undefined) {
    const previous = reserveToCarryOver(placement, await deps.placements.listByClient(placement.client.email));
    if (previous !== undefined) {
      placement = (await decideWith(deps, placementId, (current, at) => carryOverReserve(current, previous, at))).placement;
    }
  }
  if (placement.contract === undefined) {
    const envelope = await deps.contracts.sendContract(await contractEnvelope(placement, deps.agency, deps.clock.now()));
    placement = (
      await decideWith(deps, placementId, (current, at) => recordContractSent(current, envelope.envelopeId, at))
    ).placement;
  }
  if (placement.reserve === undefined) await openReserveCheckout(deps, placement, 'first');
  return { prepared: true };
}

/** The services agreement for the client to sign, drawn with the placement's names as they are now. */
export async function contractEnvelope(
  placement: Placement,
  agency: Pick<AgencyConfig, 'reserveAmountMinor' | 'reserveCurrency' | 'publicBaseUrl'>,
  issuedAt: string,
): Promise<ContractEnvelopeRequest> {
  return {
    placementId: placement.id,
    signer: { name: placement.client.name, email: placement.client.email },
    emailSubject: `Services agreement for ${placement.candidate.name}`,
    document: {
      name: 'Virtual Employee Services Agreement',
      pdf: await contractPdf(
        {
          placementId: placement.id,
          clientName: placement.client.name,
          clientCompany: placement.client.company,
          veName: placement.candidate.name,
          certificationWeek: calendarDay(placement.timeline.certificationWeek),
          reserveAmount: formatMoney(agency.reserveAmountMinor, agency.reserveCurrency),
        },
        issuedAt,
      ),
    },
    returnUrl: `${agency.publicBaseUrl}/`,
  };
}

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
