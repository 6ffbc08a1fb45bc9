import { effectDone } from '../domain/effects';
import { andThen, recordEffect, type Change, type Placement, type Stamp } from '../domain/placement';
import type { RenderedEmail } from '../emails/layout';
import { changePlacement } from './change-placement';
import type { Clock, EmailAttachment, Mailer, PlacementRepository } from './ports';

export interface SendOnceDeps {
  placements: Pick<PlacementRepository, 'get' | 'save'>;
  mailer: Mailer;
  clock: Clock;
}

/** An email the placement records under `key`, so it goes once however often the step or webhook runs. */
export interface EmailOnce {
  key: string;
  /** The letter, written from the placement as it stands; it knows its readers. */
  letter: (placement: Placement) => RenderedEmail;
  attachments?: EmailAttachment[];
  /** A change saved with the record of the email (a status, a flag), or on its own if the email went before. */
  alongside?: (placement: Placement, stamp: Stamp) => Change;
  /** The news of the cancellation itself still goes (to Customer Service); nothing else does once cancelled. */
  evenIfCancelled?: boolean;
}

/**
 * Sends an email unless the placement records it as sent under its key, then records it (with any
 * change that goes with it) in one save. Sending first means a crash in between repeats the email
 * rather than losing it; a retried webhook or step finds the key and sends nothing. A cancelled
 * placement gets nothing more, whatever step was under way when it was cancelled.
 */
export async function sendOnce(
  deps: SendOnceDeps,
  placement: Placement,
  by: Stamp['by'],
  email: EmailOnce,
): Promise<{ placement: Placement; sent: boolean }> {
  if (placement.status === 'CANCELLED' && email.evenIfCancelled !== true) return { placement, sent: false };
  const stamp = () => ({ at: deps.clock.now(), by });
  const { key, alongside } = email;
  if (!effectDone(placement, key)) {
    const letter = email.letter(placement);
    await deps.mailer.send({ ...letter, placementId: placement.id, ...(email.attachments === undefined ? {} : { attachments: email.attachments }) });
    const { placement: saved } = await changePlacement(deps.placements, placement.id, (current) => {
      const at = stamp();
      const recorded = recordEffect(current, key, 'EMAIL_SENT', at, { to: letter.to.length });
      return alongside === undefined ? recorded : andThen(recorded, (next) => alongside(next, at));
    });
    return { placement: saved, sent: true };
  }
  if (alongside === undefined) return { placement, sent: false };
  const { placement: saved } = await changePlacement(deps.placements, placement.id, (current) => alongside(current, stamp()));
  return { placement: saved, sent: false };
}
