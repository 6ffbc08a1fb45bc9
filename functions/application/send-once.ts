import type { Clock, Mailer, OutgoingEmail, PlacementRepository } from './ports';
import { andThen, effectDone, recordEffect, type Change, type Placement, type Stamp } from '../domain/placement';
import { changePlacement } from './change-placement';

export interface SendOnceDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  mailer: Mailer;
  clock: Clock;
}

/**
 * Sends an email unless the placement records it as sent under `key`, then records it (with any change
 * that goes with it) in one save. Sending first means a crash in between repeats the email rather than
 * losing it; a retried webhook or step finds the key and sends nothing.
 */
export async function sendOnce(
  deps: SendOnceDeps,
  placement: Placement,
  key: string,
  compose: (placement: Placement) => OutgoingEmail,
  by: Stamp['by'],
  alongside?: (placement: Placement, stamp: Stamp) => Change,
): Promise<Placement> {
  const stamp = () => ({ at: deps.clock.now(), by });
  if (!effectDone(placement, key)) {
    const email = compose(placement);
    await deps.mailer.send(email);
    const { placement: saved } = await changePlacement(deps.placements, placement.id, (current) => {
      const at = stamp();
      const recorded = recordEffect(current, key, 'EMAIL_SENT', at, { to: email.to.length });
      return alongside === undefined ? recorded : andThen(recorded, (next) => alongside(next, at));
    });
    return saved;
  }
  if (alongside === undefined) return placement;
  return (await changePlacement(deps.placements, placement.id, (current) => alongside(current, stamp()))).placement;
}
