import { createHash } from 'node:crypto';
import type { ClientLinkKeys, Clock, IdempotencyStore, Mailer, Page, PlacementRepository, PlacementWithHistory, PlacementWorkflow } from './ports';
import type { AgencyConfig } from '../domain/agency-config';
import { Conflict, InvalidInput, NotFound } from '../domain/errors';
import { firstExecutionName } from '../domain/ids';
import {
  cancelPlacement,
  recordExamResult,
  recordLinksSent,
  recordSelection,
  type Actor,
  type Placement,
} from '../domain/placement';
import { type CreatePlacementRequest, type ExamResultRequest, type HistoryEntry, type ListPlacementsQuery } from '../domain/schemas';
import { onboardingLinksLetter } from '../emails/letters';
import { changePlacement } from './change-placement';
import { clientLinks } from './client-links';
import { verificationUrl } from './certificates';
import { endWait } from './lifecycle/waits';
import { placementsInFlightNewestFirst, type PlacementsNewestFirst } from './placements-in-status';
import { selectionDateProblems } from '../domain/selection-dates';

export interface SelectionDeps {
  placements: Pick<PlacementRepository, 'create' | 'get'> & IdempotencyStore;
  workflow: Pick<PlacementWorkflow, 'start' | 'executionArnFor'>;
  agency: AgencyConfig;
  clock: Clock;
  newId: () => string;
}

/**
 * Records a selection and starts its lifecycle. With an Idempotency-Key, a retried request returns the
 * placement the first one made (and makes sure its lifecycle runs); the same key with another body is a 409.
 */
export async function recordNewSelection(
  deps: SelectionDeps,
  request: CreatePlacementRequest,
  actor: Actor,
  idempotencyKey?: string,
): Promise<{ placement: Placement; replayed: boolean }> {
  let placementId = deps.newId();
  const stamp = { at: deps.clock.now(), by: actor };
  // Before anything is written (the Idempotency-Key included).
  const dateProblems = selectionDateProblems(request, stamp.at);
  if (dateProblems.length > 0) {
    throw new InvalidInput(`${dateProblems.map(({ field, problem }) => `${field} ${problem}`).join('; ')}.`, dateProblems);
  }
  if (idempotencyKey !== undefined) {
    const fingerprint = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const claim = await deps.placements.claimIdempotencyKey(idempotencyKey, { fingerprint, placementId });
    if (!claim.claimed) {
      if (claim.existing.fingerprint !== fingerprint) {
        throw new Conflict('This Idempotency-Key was already used for a different request.', { reason: 'IDEMPOTENCY_KEY_REUSED' });
      }
      placementId = claim.existing.placementId;
      const existing = await deps.placements.get(placementId);
      if (existing !== undefined) {
        // Make sure its first driver runs, unless another (the reconciliation's) has taken over since.
        const first = firstExecutionName(existing.id);
        if (existing.lifecycle?.executionArn === deps.workflow.executionArnFor(first)) await deps.workflow.start(existing.id, first);
        return { placement: existing, replayed: true };
      }
      // The first request claimed the key but did not get to create the placement: finish its work.
    }
  }
  const { placement, entries } = recordSelection(request, { id: placementId, stamp, config: deps.agency });
  const withExecution: Placement = {
    ...placement,
    lifecycle: { executionArn: deps.workflow.executionArnFor(firstExecutionName(placementId)) },
  };
  let created: Placement;
  try {
    created = await deps.placements.create(withExecution, entries);
  } catch (error) {
    // A concurrent retry with the same key created it first.
    const existing = idempotencyKey === undefined ? undefined : await deps.placements.get(placementId);
    if (existing === undefined) throw error;
    created = existing;
  }
  // The first execution is named after the placement, so starting twice is harmless.
  await deps.workflow.start(created.id, firstExecutionName(created.id));
  return { placement: created, replayed: false };
}

export async function readPlacement(placements: Pick<PlacementRepository, 'getWithHistory'>, id: string): Promise<PlacementWithHistory> {
  const found = await placements.getWithHistory(id);
  if (found === undefined) throw new NotFound(`No placement ${id}.`);
  return found;
}

/** A placement's history, a page at a time; NotFound for a placement that does not exist. */
export async function readPlacementHistory(
  placements: Pick<PlacementRepository, 'get' | 'listHistory'>,
  id: string,
  page: { limit?: number; nextToken?: string },
): Promise<Page<HistoryEntry>> {
  if ((await placements.get(id)) === undefined) throw new NotFound(`No placement ${id}.`);
  return placements.listHistory(id, page);
}

export interface ListingDeps {
  placements: Pick<PlacementRepository, 'listByStatus' | 'listByCertificationWeek'>;
  newestFirst: PlacementsNewestFirst;
}

/** Staff listings: by status or certification week (oldest first), or with neither, the placements in flight, newest first. */
export async function listPlacements(deps: ListingDeps, query: ListPlacementsQuery): Promise<Page<Placement>> {
  const { placements } = deps;
  const page = { ...(query.limit === undefined ? {} : { limit: query.limit }), ...(query.nextToken === undefined ? {} : { nextToken: query.nextToken }) };
  try {
    if (query.status !== undefined) return await placements.listByStatus(query.status, page);
    if (query.week !== undefined) return await placements.listByCertificationWeek(query.week, page);
    return await placementsInFlightNewestFirst(deps.newestFirst, page);
  } catch (error) {
    // A forged cursor of the right shape can still hold key values DynamoDB refuses (empty, too long):
    // that is the caller's bad nextToken, not our failure.
    if (query.nextToken !== undefined && isRefusedRequest(error)) {
      throw new InvalidInput('nextToken is not a token from this listing.', { field: 'nextToken' });
    }
    throw error;
  }
}

const isRefusedRequest = (error: unknown) => error instanceof Error && error.name === 'ValidationException';

export interface ExamDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  workflow: Pick<PlacementWorkflow, 'resume'>;
  agency: Pick<AgencyConfig, 'passMark'>;
  clock: Clock;
}

/**
 * The certificate as a passing result's answer tells it: issued (a retried result after the lifecycle
 * issued it), or being issued (the lifecycle, just resumed, draws and sends it within seconds). None for a fail.
 */
export type CertificateProgress =
  | { status: 'ISSUING' }
  | { status: 'ISSUED' | 'REVOKED'; id: string; issuedAt: string; revokedAt?: string; verificationUrl: string };

export function certificateProgress(placement: Placement, agency: Pick<AgencyConfig, 'publicBaseUrl'>): CertificateProgress | undefined {
  const { certificate } = placement;
  if (certificate === undefined) return placement.exam?.passed === true && placement.status !== 'CANCELLED' ? { status: 'ISSUING' } : undefined;
  return {
    status: certificate.revokedAt === undefined ? 'ISSUED' : 'REVOKED',
    id: certificate.id,
    issuedAt: certificate.issuedAt,
    ...(certificate.revokedAt === undefined ? {} : { revokedAt: certificate.revokedAt }),
    verificationUrl: verificationUrl(agency, certificate.id),
  };
}

/** The proctor's score: recorded once while the placement is at its exam, then the waiting lifecycle goes on. */
export async function recordProctorResult(deps: ExamDeps, id: string, result: ExamResultRequest, actor: Actor): Promise<Placement> {
  let placement: Placement;
  try {
    ({ placement } = await changePlacement(deps.placements, id, (current) =>
      recordExamResult(current, result, deps.agency, { at: deps.clock.now(), by: actor }),
    ));
  } catch (error) {
    // The proctor's retry of a result that was saved (the resume after it failed): finish the resume.
    const recorded = error instanceof Conflict ? await deps.placements.get(id) : undefined;
    if (recorded?.exam === undefined || recorded.exam.score !== result.score) throw error;
    placement = recorded;
  }
  await endWait(deps, placement, 'examResult');
  return placement;
}

export interface CancelDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  workflow: Pick<PlacementWorkflow, 'stop'>;
  clock: Clock;
}

/** Cancels with the reason and stops the lifecycle, so nothing more is sent. Repeating it is harmless. */
export async function cancelByStaff(deps: CancelDeps, id: string, reason: string, actor: Actor): Promise<Placement> {
  const { placement } = await changePlacement(deps.placements, id, (current) =>
    cancelPlacement(current, reason, { at: deps.clock.now(), by: actor }),
  );
  const executionArn = placement.lifecycle?.executionArn;
  if (executionArn !== undefined) await deps.workflow.stop(executionArn, `Cancelled by staff: ${reason}`);
  return placement;
}

export interface ResendDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  mailer: Mailer;
  linkKeys: ClientLinkKeys;
  agency: Pick<AgencyConfig, 'customerServiceEmail' | 'agencyTimezone' | 'publicBaseUrl' | 'reserveAmountMinor' | 'reserveCurrency' | 'branding'>;
  clock: Clock;
}

const awaitingPaperwork = new Set<Placement['status']>(['AWAITING_ONBOARDING', 'READY']);

/** The onboarding email once more, with the links the client already has. Only after it was first sent. */
export async function resendOnboardingLinks(deps: ResendDeps, id: string, actor: Actor): Promise<Placement> {
  const current = await deps.placements.get(id);
  if (current === undefined) throw new NotFound(`No placement ${id}.`);
  if (!awaitingPaperwork.has(current.status) || current.contract === undefined || current.reserve === undefined) {
    throw new Conflict(`The onboarding links can be resent only after they were first sent and before the certification week (the placement is ${current.status}).`, {
      reason: 'NO_LINKS_TO_RESEND',
      status: current.status,
    });
  }
  // Sent each time staff ask (not once per key): the client asked for the links again.
  await deps.mailer.send({
    ...onboardingLinksLetter(current, clientLinks(current, deps.agency, deps.linkKeys), deps.agency, true, deps.clock.now()),
    placementId: current.id,
  });
  const { placement } = await changePlacement(deps.placements, id, (latest) =>
    recordLinksSent(latest, { at: deps.clock.now(), by: actor }),
  );
  return placement;
}
