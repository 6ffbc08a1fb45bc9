import type { BillingProvider, Clock, ContractProvider, Mailer, OutgoingEmail, PlacementRepository, PlacementWorkflow } from './ports';
import { certificatePdf } from '../documents/certificate-pdf';
import { contractPdf } from '../documents/contract-pdf';
import type { AgencyConfig } from '../domain/agency-config';
import { escalationAt, reminderTimes } from '../domain/calendar';
import { NotFound } from '../domain/errors';
import { newCertificateId } from '../domain/ids';
import {
  andThen,
  carryOverReserve,
  changeStatus,
  clearAttention,
  effectDone,
  effectsStartingWith,
  flagForAttention,
  issueCertificate,
  paperworkDone,
  recordContractSent,
  recordEffect,
  recordExecution,
  recordLinksSent,
  recordReminderSent,
  rescheduleIfLate,
  reserveToCarryOver,
  type Change,
  type Placement,
  type Stamp,
} from '../domain/placement';
import {
  certifiedClientLetter,
  certifiedVeLetter,
  customerServiceNoticeLetter,
  examDayLetter,
  notCertifiedClientLetter,
  onboardingLinksLetter,
  paperworkEscalationLetter,
  paperworkReminderLetter,
  proctorReminderLetter,
  weekScheduleLetter,
  welcomeLetter,
} from '../emails/letters';
import { calendarDay } from '../emails/layout';
import { changePlacement } from './change-placement';
import { clientLinks, openReserveCheckout } from './client-links';
import { waitForPeople } from './lifecycle-waits';
import { sendOnce as sendEmailOnce } from './send-once';

/**
 * The placement lifecycle's steps, one per Task state of statemachines/placement-lifecycle.asl.json.
 * The placement is the truth and the execution only drives it: every step reads the placement, does
 * only what is not yet done (each email and provider call is recorded under a key), and returns what
 * the state machine needs for its next Wait or Choice. A fresh execution therefore resumes anywhere.
 */

export interface LifecycleDeps {
  placements: PlacementRepository;
  workflow: Pick<PlacementWorkflow, 'resume'>;
  mailer: Mailer;
  contracts: ContractProvider;
  billing: BillingProvider;
  agency: AgencyConfig;
  clock: Clock;
}

/** Where a placement stands, as the state machine's first Choice routes it. */
export type Stage = 'onboarding' | 'paperwork' | 'ready' | 'certification' | 'exam' | 'certified' | 'closed';

const stageOf: Record<Placement['status'], Stage> = {
  SELECTED: 'onboarding',
  AWAITING_ONBOARDING: 'paperwork',
  READY: 'ready',
  IN_CERTIFICATION: 'certification',
  EXAM: 'exam',
  CERTIFIED: 'certified',
  ACTIVE: 'closed',
  NOT_CERTIFIED: 'closed',
  CANCELLED: 'closed',
};

const sessionTopics = [
  'Industry background',
  "The client's company background",
  'Soft-skills mentoring',
  'Soft-skills mentoring: practice',
] as const;

const paperworkNotDone = 'The client has not completed the paperwork after the last reminder.';

/** At least a minute: a callback timeout of zero or less is invalid, and a check a minute late is harmless. */
const secondsUntil = (instant: string, now: string) => Math.max(60, Math.ceil((Date.parse(instant) - Date.parse(now)) / 1000));
const weekInSeconds = 7 * 24 * 3600;
const dayInSeconds = 24 * 3600;

async function load(deps: LifecycleDeps, placementId: string): Promise<Placement> {
  const placement = await deps.placements.get(placementId);
  if (placement === undefined) throw new NotFound(`No placement ${placementId}.`);
  return placement;
}

function stamp(deps: LifecycleDeps): Stamp {
  return { at: deps.clock.now(), by: { kind: 'system', component: 'lifecycle' } };
}

function decideWith(deps: LifecycleDeps, placementId: string, decide: (placement: Placement, stamp: Stamp) => Change) {
  return changePlacement(deps.placements, placementId, (current) => decide(current, stamp(deps)));
}

/** An email sent once per key (see send-once.ts); nothing at all for a cancelled placement. */
function sendOnce(
  deps: LifecycleDeps,
  placement: Placement,
  key: string,
  compose: (placement: Placement) => OutgoingEmail,
  alongside?: (placement: Placement, stamp: Stamp) => Change,
): Promise<Placement> {
  // Whatever step was under way when the placement was cancelled, it sends nothing more.
  if (placement.status === 'CANCELLED') return Promise.resolve(placement);
  return sendEmailOnce(deps, placement, key, compose, { kind: 'system', component: 'lifecycle' }, alongside);
}

// --- Planning ---

export async function planFromPlacement(deps: LifecycleDeps, placementId: string, executionArn: string) {
  const { placement } = await decideWith(deps, placementId, (current, at) => recordExecution(current, executionArn, at));
  const { timeline } = placement;
  return {
    stage: stageOf[placement.status],
    linksAt: timeline.linksAt,
    weekStartsAt: timeline.weekStartsAt,
    examAt: timeline.examAt,
    startsAt: timeline.startsAt,
  };
}

// --- Onboarding: contract, reserve, the links email, reminders ---

/** Creates the DocuSign envelope and the reserve checkout (or carries a funded reserve over), once each. */
export async function prepareContractAndReserve(deps: LifecycleDeps, placementId: string): Promise<{ prepared: true }> {
  let placement = await load(deps, placementId);
  if (stageOf[placement.status] === 'closed') return { prepared: true };

  if (placement.reserve === undefined) {
    const previous = reserveToCarryOver(placement, await deps.placements.listByClient(placement.client.email));
    if (previous !== undefined) {
      placement = (await decideWith(deps, placementId, (current, at) => carryOverReserve(current, previous, at))).placement;
    }
  }
  if (placement.contract === undefined) {
    const issuedAt = deps.clock.now();
    const envelope = await deps.contracts.sendContract({
      placementId,
      signer: { name: placement.client.name, email: placement.client.email },
      emailSubject: `Services agreement for ${placement.candidate.name}`,
      document: {
        name: 'Virtual Employee Services Agreement',
        pdf: await contractPdf(
          {
            placementId,
            clientName: placement.client.name,
            clientCompany: placement.client.company,
            veName: placement.candidate.name,
            certificationWeek: calendarDay(placement.timeline.certificationWeek),
            reserveAmount: formatMoney(deps.agency),
          },
          issuedAt,
        ),
      },
      returnUrl: `${deps.agency.publicBaseUrl}/`,
    });
    placement = (
      await decideWith(deps, placementId, (current, at) => recordContractSent(current, envelope.envelopeId, at))
    ).placement;
  }
  if (placement.reserve === undefined) await openReserveCheckout(deps, placement, 'first');
  return { prepared: true };
}

function formatMoney(agency: Pick<AgencyConfig, 'reserveAmountMinor' | 'reserveCurrency'>): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: agency.reserveCurrency.toUpperCase() }).format(
    agency.reserveAmountMinor / 100,
  );
}

/** The client's letter: both links, the week, Customer Service. Moves SELECTED → AWAITING_ONBOARDING (or READY). */
export async function sendOnboardingLinks(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  if (placement.status !== 'SELECTED') return nextPaperworkCheck(deps, placement);
  const sent = await sendOnce(
    deps,
    placement,
    'onboardingLinks',
    (current) => ({ to: [current.client.email], placementId, ...onboardingLinksLetter(current, clientLinks(current, deps.agency), deps.agency, false, deps.clock.now()) }),
    (current, at) => (current.status === 'SELECTED' ? recordLinksSent(current, at) : { placement: current, entries: [] }),
  );
  return nextPaperworkCheck(deps, sent);
}

/** When the paperwork wait should next time out: the next reminder, the escalation, or a weekly look. */
function nextPaperworkCheck(deps: LifecycleDeps, placement: Placement) {
  const now = deps.clock.now();
  const zone = placement.client.timezone;
  const reminders = reminderTimes(placement.timeline.linksAt, zone, deps.agency);
  const sent = effectsStartingWith(placement, 'paperworkReminder:');
  const next =
    reminders[sent] ??
    (effectDone(placement, 'paperworkEscalation') ? undefined : escalationAt(placement.timeline.linksAt, zone, deps.agency));
  return { secondsUntilNextCheck: next === undefined ? weekInSeconds : secondsUntil(next, now) };
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
  let placement = await load(deps, placementId);
  if (placement.status !== 'AWAITING_ONBOARDING' || paperworkDone(placement)) return nextPaperworkCheck(deps, placement);
  const now = Date.parse(deps.clock.now());
  const zone = placement.client.timezone;
  const reminders = reminderTimes(placement.timeline.linksAt, zone, deps.agency);
  const sent = effectsStartingWith(placement, 'paperworkReminder:');
  const due = reminders[sent];
  if (due !== undefined && Date.parse(due) <= now) {
    const number = sent + 1;
    placement = await sendOnce(
      deps,
      placement,
      `paperworkReminder:${number}`,
      (current) => ({
        to: [current.client.email],
        placementId,
        ...paperworkReminderLetter(current, clientLinks(current, deps.agency), deps.agency, { number, of: reminders.length }, deps.clock.now()),
      }),
      (current, at) => recordReminderSent(current, number, at),
    );
  } else if (due === undefined && Date.parse(escalationAt(placement.timeline.linksAt, zone, deps.agency)) <= now) {
    placement = await sendOnce(
      deps,
      placement,
      'paperworkEscalation',
      (current) => ({ to: [deps.agency.customerServiceEmail], placementId, ...paperworkEscalationLetter(current, deps.agency, deps.clock.now()) }),
      (current, at) => flagForAttention(current, paperworkNotDone, at),
    );
  }
  return nextPaperworkCheck(deps, placement);
}

// --- The certification week ---

/** Moves the week if the paperwork missed the cutoff, then tells the client and the VE the schedule. */
export async function fixCertificationWeek(deps: LifecycleDeps, placementId: string) {
  const { placement: replanned } = await decideWith(deps, placementId, (current, at) =>
    andThen(rescheduleIfLate(current, deps.agency, at), (moved) =>
      // The escalation's reason is gone once the paperwork is done: staff no longer need to chase it.
      moved.needsAttention?.reason === paperworkNotDone ? clearAttention(moved, at) : { placement: moved, entries: [] },
    ),
  );
  const week = replanned.timeline.certificationWeek;
  const toClient = await sendOnce(deps, replanned, `weekSchedule:${week}:client`, (current) => ({
    to: [current.client.email],
    placementId,
    ...weekScheduleLetter(current, deps.agency, 'client'),
  }));
  const placement = await sendOnce(deps, toClient, `weekSchedule:${week}:ve`, (current) => ({
    to: [current.candidate.email],
    placementId,
    ...weekScheduleLetter(current, deps.agency, 've'),
  }));
  return { weekStartsAt: placement.timeline.weekStartsAt, examAt: placement.timeline.examAt };
}

/** Monday: IN_CERTIFICATION, and every session whose time has come is recorded (a resumed week catches up). */
export async function startCertificationWeek(deps: LifecycleDeps, placementId: string) {
  const current = await load(deps, placementId);
  if (current.status === 'READY') await decideWith(deps, placementId, (latest, at) => changeStatus(latest, 'IN_CERTIFICATION', at));
  return holdDueSessions(deps, placementId);
}

/** A session time came: record it (and any earlier one missed), then say when the next is. */
export function holdSession(deps: LifecycleDeps, placementId: string) {
  return holdDueSessions(deps, placementId);
}

async function holdDueSessions(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  const now = Date.parse(deps.clock.now());
  const sessions = placement.timeline.sessionsAt;
  for (const [index, at] of sessions.entries()) {
    if (placement.status !== 'IN_CERTIFICATION') break;
    if (Date.parse(at) > now || effectDone(placement, `session:${index}`)) continue;
    const topic = sessionTopics[index] ?? 'Certification session';
    placement = (
      await decideWith(deps, placementId, (latest, stampAt) => recordEffect(latest, `session:${index}`, 'SESSION_HELD', stampAt, { topic }))
    ).placement;
  }
  const next = sessions.find((at) => Date.parse(at) > now);
  return { moreSessions: next !== undefined, nextSessionAt: next ?? placement.timeline.examAt, examAt: placement.timeline.examAt };
}

/** Friday at exam time: EXAM, and the proctors get the day's exam with the results deadline. */
export async function beginExam(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  if (placement.status === 'IN_CERTIFICATION') {
    placement = (await decideWith(deps, placementId, (current, at) => changeStatus(current, 'EXAM', at))).placement;
  }
  placement = await sendOnce(deps, placement, 'examDay', (current) => ({
    to: [deps.agency.proctorsEmail],
    placementId,
    ...examDayLetter(current, deps.agency),
  }));
  return { secondsUntilNextCheck: secondsUntil(placement.timeline.resultsDueAt, deps.clock.now()) };
}

export function awaitExamResult(deps: LifecycleDeps, placementId: string, taskToken: string) {
  return waitForPeople(deps, placementId, 'examResult', taskToken).then((outcome) => ({ outcome }));
}

/** The result is past due: one reminder to the proctors per day until it is recorded. */
export async function remindProctors(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  if (placement.status === 'EXAM' && placement.exam === undefined) {
    const day = deps.clock.now().slice(0, 10);
    await sendOnce(deps, placement, `proctorReminder:${day}`, (current) => ({
      to: [deps.agency.proctorsEmail],
      placementId,
      ...proctorReminderLetter(current, deps.agency),
    }));
  }
  return { secondsUntilNextCheck: dayInSeconds };
}

// --- The outcome ---

export function verificationUrl(agency: Pick<AgencyConfig, 'publicBaseUrl'>, certificateId: string): string {
  return `${agency.publicBaseUrl}/certificates/${encodeURIComponent(certificateId)}`;
}

/** The certificate PDF, always the same bytes for the same stored record. */
export function certificateDocument(placement: Placement, agency: Pick<AgencyConfig, 'publicBaseUrl' | 'agencyTimezone'>) {
  const certificate = placement.certificate;
  if (certificate === undefined) throw new NotFound(`Placement ${placement.id} has no certificate.`);
  return certificatePdf({
    certificateId: certificate.id,
    veName: placement.candidate.name,
    clientCompany: placement.client.company,
    issuedOn: new Date(certificate.issuedAt).toLocaleDateString('en-US', {
      timeZone: agency.agencyTimezone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }),
    issuedAt: certificate.issuedAt,
    verificationUrl: verificationUrl(agency, certificate.id),
  });
}

/** Pass: the certificate, the VE's contact details to the client (PDF attached), a note to the VE. */
export async function issueCertificateAndTell(deps: LifecycleDeps, placementId: string) {
  const { placement: certified } = await decideWith(deps, placementId, (current, at) =>
    issueCertificate(current, newCertificateId(Date.parse(at.at)), at),
  );
  const certificate = certified.certificate;
  if (certificate === undefined) throw new NotFound(`Placement ${placementId} has no certificate.`);
  const link = { id: certificate.id, verificationUrl: verificationUrl(deps.agency, certificate.id) };
  const pdf = await certificateDocument(certified, deps.agency);
  const toClient = await sendOnce(deps, certified, 'certifiedClient', (current) => ({
    to: [current.client.email],
    placementId,
    ...certifiedClientLetter(current, deps.agency, link),
    attachments: [{ filename: `certificate-${certificate.id}.pdf`, contentType: 'application/pdf', content: pdf }],
  }));
  const placement = await sendOnce(deps, toClient, 'certifiedVe', (current) => ({
    to: [current.candidate.email],
    placementId,
    ...certifiedVeLetter(current, deps.agency, link),
  }));
  return { startsAt: placement.timeline.startsAt };
}

/** The first Monday: ACTIVE, and the client's welcome with the agency's three tips. */
export async function welcomeFirstDay(deps: LifecycleDeps, placementId: string) {
  let placement = await load(deps, placementId);
  if (placement.status === 'CERTIFIED') {
    placement = (await decideWith(deps, placementId, (current, at) => changeStatus(current, 'ACTIVE', at))).placement;
  }
  await sendOnce(deps, placement, 'welcome', (current) => ({ to: [current.client.email], placementId, ...welcomeLetter(current, deps.agency, clientLinks(current, deps.agency).talkToUsUrl) }));
  return { status: 'ACTIVE' as const };
}

/** Fail: a kind letter to the client (no contact details), Customer Service told to restart interviews. */
export async function concludeNotCertified(deps: LifecycleDeps, placementId: string) {
  const placement = await load(deps, placementId);
  const toClient = await sendOnce(deps, placement, 'notCertifiedClient', (current) => ({
    to: [current.client.email],
    placementId,
    ...notCertifiedClientLetter(current, deps.agency),
  }));
  await sendOnce(deps, toClient, 'notCertifiedCustomerService', (current) => ({
    to: [deps.agency.customerServiceEmail],
    placementId,
    ...customerServiceNoticeLetter(
      current,
      `${current.candidate.name} did not pass the certification exam (score ${current.exam?.score ?? '?'}): please restart interviews with the client. ${current.reserve?.status === 'FUNDED' ? 'The funded reserve carries over to their next placement.' : 'No reserve was funded.'}`,
      deps.agency,
    ),
  }));
  return { status: 'NOT_CERTIFIED' as const };
}

/** A step failed past its retries: flag the placement and tell Customer Service, once per failure kind. */
export async function flagLifecycleFailure(deps: LifecycleDeps, placementId: string, failure: { error: string; cause: string }) {
  const reason = `The lifecycle stopped: ${failure.error}`;
  const { placement } = await decideWith(deps, placementId, (current, at) => flagForAttention(current, reason, at));
  await sendOnce(deps, placement, `attention:${failure.error}`, (current) => ({
    to: [deps.agency.customerServiceEmail],
    placementId,
    ...customerServiceNoticeLetter(current, `${reason}. A person needs to look at this placement; staff can see its history in the API.`, deps.agency),
  }));
  return { flagged: true };
}
