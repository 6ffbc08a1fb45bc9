import type { AgencyConfig } from '../domain/agency-config';
import { NotFound } from '../domain/errors';
import {
  acknowledge,
  caseHistoryEntry,
  caseStatusOf,
  close,
  noteOwedToClient,
  openCase,
  type AcknowledgeCaseRequest,
  type CloseCaseRequest,
  type ListCasesQuery,
  type MentorCase,
} from '../domain/mentor-cases';
import { mentorCaseOpenedEntry, type Actor, type Placement } from '../domain/placement';
import { caseClosedClientLetter } from '../emails/case-letters';
import { mentorCaseLetter } from '../emails/letters';
import type { Clock, Mailer, MentorCaseRepository, Page, PlacementRepository } from './ports';

/** Mentor cases: opened ("Talk to us", a low review, a client gone quiet), acknowledged by a mentor, closed. */

export type MentorCaseReason = 'TALK_TO_US' | 'LOW_REVIEW' | 'CLIENT_QUIET';

export interface OpenCaseDeps {
  placements: Pick<PlacementRepository, 'appendHistory'>;
  mentorCases: MentorCaseRepository;
  mailer: Mailer;
  agency: Pick<AgencyConfig, 'mentorTeamEmail' | 'agencyTimezone' | 'holidays' | 'publicBaseUrl' | 'branding'>;
  clock: Clock;
}

/**
 * Idempotent by caseId: writes the case unless it exists, appends CASE_OPENED once, tells the mentor team once.
 * Each step is done unless done, so a retry completes what a failure left half-done (only a crash
 * between marking the mentors told and sending loses their email; the case is still listed, and due).
 */
export async function openMentorCase(
  deps: OpenCaseDeps,
  placement: Placement,
  opening: { caseId: string; reason: MentorCaseReason; message: string; submissionId?: string; by: Actor },
): Promise<MentorCase> {
  const { caseId } = opening;
  let mentorCase = await deps.mentorCases.getCase(caseId);
  if (mentorCase === undefined) {
    const openedAt = deps.clock.now();
    const opened = openCase(
      {
        id: caseId,
        placementId: placement.id,
        reason: opening.reason,
        message: opening.message,
        ...(opening.submissionId === undefined ? {} : { submissionId: opening.submissionId }),
      },
      openedAt,
      deps.agency,
    );
    if (await deps.mentorCases.putCase(opened)) {
      await deps.placements.appendHistory([mentorCaseOpenedEntry(placement, caseId, { at: openedAt, by: opening.by })]);
    }
    mentorCase = (await deps.mentorCases.getCase(caseId)) ?? opened;
  }
  if (mentorCase.mentorsToldAt !== undefined) return mentorCase;
  // Marked before sending, so of requests racing on the same case only one sends.
  const toldAt = deps.clock.now();
  if (!(await deps.mentorCases.claimTellingMentors(caseId, toldAt))) return mentorCase;
  try {
    await deps.mailer.send({ ...mentorCaseLetter(placement, caseId, mentorCase.message, deps.agency, mentorCase.reason), placementId: placement.id });
  } catch (error) {
    await deps.mentorCases.withdrawTellingMentors(caseId);
    throw error;
  }
  return { ...mentorCase, mentorsToldAt: toldAt };
}

/** The mentors' list: cases in one status, newest first, a page at a time. */
export function listCases(mentorCases: Pick<MentorCaseRepository, 'listCases'>, query: ListCasesQuery): Promise<Page<MentorCase>> {
  return mentorCases.listCases(caseStatusOf(query.status), {
    ...(query.limit === undefined ? {} : { limit: query.limit }),
    ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }),
  });
}

export interface CaseMoveDeps {
  placements: Pick<PlacementRepository, 'get' | 'appendHistory'>;
  mentorCases: MentorCaseRepository;
  mailer: Mailer;
  agency: Pick<AgencyConfig, 'mentorTeamEmail' | 'publicBaseUrl' | 'branding'>;
  clock: Clock;
}

type StaffActor = Extract<Actor, { kind: 'staff' }>;

async function caseById(mentorCases: Pick<MentorCaseRepository, 'getCase'>, caseId: string): Promise<MentorCase> {
  const mentorCase = await mentorCases.getCase(caseId);
  if (mentorCase === undefined) throw new NotFound('No such case.', { caseId });
  return mentorCase;
}

/**
 * A mentor (or staff) takes a case: assigned to them or to `assignTo`. Saved over the version read, so of
 * two mentors acknowledging at once one wins and the other gets a Conflict.
 */
export async function acknowledgeCase(
  deps: Pick<CaseMoveDeps, 'mentorCases' | 'clock'> & { placements: Pick<PlacementRepository, 'appendHistory'> },
  caseId: string,
  request: AcknowledgeCaseRequest,
  by: StaffActor,
): Promise<MentorCase> {
  const current = await caseById(deps.mentorCases, caseId);
  const at = deps.clock.now();
  const moved = acknowledge(current, request, { at, by: by.name });
  if (moved === current) return current;
  const saved = await deps.mentorCases.saveCase(moved);
  if (current.status === 'OPEN') await deps.placements.appendHistory([caseHistoryEntry(saved, 'CASE_ACKNOWLEDGED', { at, by })]);
  return saved;
}

/**
 * A mentor closes a case, with a note for the file and one for the client, each optional; the client's
 * is emailed once. Closing a closed case is a Conflict, after sending a note to the client that a failed
 * send left owing.
 */
export async function closeCase(deps: CaseMoveDeps, caseId: string, request: CloseCaseRequest, by: StaffActor): Promise<MentorCase> {
  const current = await caseById(deps.mentorCases, caseId);
  if (current.status === 'CLOSED') await tellClient(deps, current);
  const at = deps.clock.now();
  const saved = await deps.mentorCases.saveCase(close(current, request, { at, by: by.name }));
  await deps.placements.appendHistory([caseHistoryEntry(saved, 'CASE_CLOSED', { at, by })]);
  return tellClient(deps, saved);
}

/** Emails the client the closing note they are owed, once (marked before sending; unmarked if it fails). */
async function tellClient(deps: CaseMoveDeps, mentorCase: MentorCase): Promise<MentorCase> {
  const note = noteOwedToClient(mentorCase);
  if (note === undefined) return mentorCase;
  const toldAt = deps.clock.now();
  if (!(await deps.mentorCases.claimTellingClient(mentorCase.id, toldAt))) return mentorCase;
  try {
    const placement = await deps.placements.get(mentorCase.placementId);
    if (placement === undefined) throw new NotFound('The placement of this case is gone.', { caseId: mentorCase.id });
    await deps.mailer.send({ ...caseClosedClientLetter(placement, mentorCase, note, deps.agency), placementId: placement.id });
  } catch (error) {
    await deps.mentorCases.withdrawTellingClient(mentorCase.id);
    throw error;
  }
  return { ...mentorCase, clientToldAt: toldAt };
}
