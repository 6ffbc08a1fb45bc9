import type { AgencyConfig } from '../../domain/agency-config';
import { NotFound } from '../../domain/errors';
import type { Actor, Change, Placement, Stamp } from '../../domain/placement';
import { changePlacement } from '../change-placement';
import type { BillingProvider, ClientLinkKeys, Clock, ContractProvider, Mailer, PlacementRepository, PlacementWorkflow } from '../ports';

/**
 * What every lifecycle step works with. The placement is the truth and the execution only drives it:
 * every step reads the placement, does only what is not yet done (each email and provider call is
 * recorded under a key), and returns what the state machine needs for its next Wait or Choice. A fresh
 * execution therefore resumes anywhere.
 */
export interface LifecycleDeps {
  placements: PlacementRepository;
  workflow: Pick<PlacementWorkflow, 'resume'>;
  mailer: Mailer;
  linkKeys: ClientLinkKeys;
  agency: AgencyConfig;
  clock: Clock;
}

/**
 * What the steps that draw a document work with (the contract for DocuSign, the certificate for the
 * client): they run in a function of their own, so only it loads the PDF and font code.
 */
export interface DocumentStepDeps {
  placements: PlacementRepository;
  mailer: Mailer;
  contracts: ContractProvider;
  billing: BillingProvider;
  agency: AgencyConfig;
  clock: Clock;
}

/** What reading and changing the placement needs, in either function. */
type OnPlacement = Pick<LifecycleDeps, 'placements' | 'clock'>;

/** Who the history names for what the lifecycle does. */
export const lifecycleActor: Actor = { kind: 'system', component: 'lifecycle' };

export async function load(deps: Pick<LifecycleDeps, 'placements'>, placementId: string): Promise<Placement> {
  const placement = await deps.placements.get(placementId);
  if (placement === undefined) throw new NotFound(`No placement ${placementId}.`);
  return placement;
}

/** A decision of the domain applied to the placement as it stands now, stamped as the lifecycle's. */
export function decideWith(deps: OnPlacement, placementId: string, decide: (placement: Placement, stamp: Stamp) => Change) {
  return changePlacement(deps.placements, placementId, (current) => decide(current, { at: deps.clock.now(), by: lifecycleActor }));
}

/** At least a minute: a callback timeout of zero or less is invalid, and a check a minute late is harmless. */
export const secondsUntil = (instant: string, now: string) => Math.max(60, Math.ceil((Date.parse(instant) - Date.parse(now)) / 1000));
export const dayInSeconds = 24 * 3600;
export const weekInSeconds = 7 * dayInSeconds;
