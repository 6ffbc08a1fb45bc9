import { describe, expect, it } from 'vitest';
import { Conflict } from '../../../functions/domain/errors';
import {
  canTransition,
  cancelPlacement,
  carryOverReserve,
  changeStatus,
  chronological,
  clearAttention,
  flagForAttention,
  issueCertificate,
  placementStatuses,
  recordContractRefused,
  recordContractSent,
  recordContractSigned,
  recordExamResult,
  recordLinksSent,
  recordReserveFunded,
  recordReserveRequested,
  recordSelection,
  reserveToCarryOver,
  rescheduleIfLate,
  type Actor,
  type Placement,
  type PlacementStatus,
} from '../../../functions/domain/placement';
import { config, lifecycle, newPlacement, selectionRequest, staff } from '../../support/domain-fixtures';

const docusign = (eventId: string): Actor => ({ kind: 'provider', provider: 'docusign', eventId, eventType: 'envelope-completed' });
const billing = (eventId: string): Actor => ({
  kind: 'provider',
  provider: 'billing',
  eventId,
  eventType: 'checkout.session.completed',
});

function inStatus(status: PlacementStatus, overrides: Partial<Placement> = {}): Placement {
  return { ...newPlacement('01JXPLACEMENT'), status, ...overrides };
}

/** A placement whose links went out and whose contract and reserve were requested. */
function awaitingOnboarding(): Placement {
  let placement = newPlacement('01JXPLACEMENT');
  placement = recordLinksSent(placement, { at: '2025-06-05T13:00:00Z', by: lifecycle }).placement;
  placement = recordContractSent(placement, 'env-1', { at: '2025-06-05T13:00:00Z', by: lifecycle }).placement;
  return recordReserveRequested(placement, 'cs_1', { at: '2025-06-05T13:00:00Z', by: lifecycle }).placement;
}

describe('recording a selection', () => {
  it('creates a SELECTED placement at version 1 with its planned timeline and one history entry', () => {
    // Act
    const { placement, entries } = recordSelection(selectionRequest(), {
      id: '01JXNEW',
      stamp: { at: '2025-06-04T16:00:00Z', by: staff },
      config,
    });

    // Assess
    expect(placement).toMatchObject({ id: '01JXNEW', version: 1, status: 'SELECTED', selectedAt: '2025-06-04T16:00:00Z' });
    expect(placement.timeline).toMatchObject({
      linksAt: '2025-06-04T16:00:00Z',
      certificationWeek: '2025-06-09',
      examAt: '2025-06-13T18:00:00Z',
      startDate: '2025-06-16',
    });
    expect(entries).toEqual([
      { placementId: '01JXNEW', at: '2025-06-04T16:00:00Z', what: 'SELECTION_RECORDED', by: staff, toStatus: 'SELECTED' },
    ]);
  });

  it('takes the selection time as now when none is given', () => {
    // Act
    const { selectedAt: _omitted, ...request } = selectionRequest();
    const { placement } = recordSelection(request, { id: '01JXNEW', stamp: { at: '2025-07-08T12:00:00Z', by: staff }, config });

    // Assess
    expect(placement.selectedAt).toBe('2025-07-08T12:00:00Z');
    expect(placement.timeline.certificationWeek).toBe('2025-07-14');
  });
});

describe('status transitions', () => {
  const allowed: [PlacementStatus, PlacementStatus][] = [
    ['SELECTED', 'AWAITING_ONBOARDING'],
    ['AWAITING_ONBOARDING', 'READY'],
    ['READY', 'IN_CERTIFICATION'],
    ['IN_CERTIFICATION', 'EXAM'],
    ['EXAM', 'CERTIFIED'],
    ['EXAM', 'NOT_CERTIFIED'],
    ['CERTIFIED', 'ACTIVE'],
    ['SELECTED', 'CANCELLED'],
    ['AWAITING_ONBOARDING', 'CANCELLED'],
    ['READY', 'CANCELLED'],
    ['IN_CERTIFICATION', 'CANCELLED'],
    ['EXAM', 'CANCELLED'],
    ['CERTIFIED', 'CANCELLED'],
  ];
  const isAllowed = (from: PlacementStatus, to: PlacementStatus) => allowed.some(([a, b]) => a === from && b === to);
  const everyPair = placementStatuses.flatMap((from) => placementStatuses.map((to) => ({ from, to })));

  it.each(everyPair)('$from → $to follows the lifecycle', ({ from, to }) => {
    // Prepare
    const placement = inStatus(from);
    const stamp = { at: '2025-06-09T14:00:00Z', by: lifecycle };

    // Act & Assess
    expect(canTransition(from, to)).toBe(isAllowed(from, to));
    if (isAllowed(from, to)) {
      const { placement: moved, entries } = changeStatus(placement, to, stamp);
      expect(moved.status).toBe(to);
      expect(moved.updatedAt).toBe(stamp.at);
      expect(entries).toEqual([
        { placementId: placement.id, at: stamp.at, what: 'STATUS_CHANGED', by: lifecycle, fromStatus: from, toStatus: to },
      ]);
    } else {
      expect(() => changeStatus(placement, to, stamp)).toThrow(Conflict);
    }
  });

  it('explains an illegal move in the error details', () => {
    // Act
    const attempt = () => changeStatus(inStatus('SELECTED'), 'CERTIFIED', { at: '2025-06-09T14:00:00Z', by: staff });

    // Assess
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        details: { reason: 'ILLEGAL_TRANSITION', placementId: '01JXPLACEMENT', from: 'SELECTED', to: 'CERTIFIED' },
      }),
    );
  });
});

describe('onboarding paperwork', () => {
  it('moves SELECTED → AWAITING_ONBOARDING when the links first go out, and only records a resend after that', () => {
    // Prepare
    const placement = newPlacement('01JXPLACEMENT');

    // Act
    const first = recordLinksSent(placement, { at: '2025-06-05T13:00:00Z', by: lifecycle });
    const resend = recordLinksSent(first.placement, { at: '2025-06-06T13:00:00Z', by: staff });

    // Assess
    expect(first.placement.status).toBe('AWAITING_ONBOARDING');
    expect(first.entries[0]).toMatchObject({ what: 'LINKS_SENT', fromStatus: 'SELECTED', toStatus: 'AWAITING_ONBOARDING' });
    expect(resend.placement.status).toBe('AWAITING_ONBOARDING');
    expect(resend.entries[0]).toMatchObject({ what: 'LINKS_SENT', by: staff });
    expect(resend.entries[0]?.toStatus).toBeUndefined();
  });

  it('goes straight to READY when the client signed and paid before the links went out', () => {
    // Prepare
    const sent = recordContractSent(newPlacement('01JXEARLY'), 'env-early', { at: '2025-06-04T16:00:01Z', by: lifecycle }).placement;
    const signed = recordContractSigned(sent, '2025-06-04T18:00:00Z', { at: '2025-06-04T18:00:01Z', by: docusign('dsevt-early') }).placement;
    const funded = recordReserveFunded(signed, '2025-06-04T19:00:00Z', { at: '2025-06-04T19:00:01Z', by: billing('evt_early') }).placement;

    // Act
    const links = recordLinksSent(funded, { at: '2025-06-05T13:00:00Z', by: lifecycle });

    // Assess
    expect(funded.status).toBe('SELECTED');
    expect(links.placement.status).toBe('READY');
    expect(links.entries.map((entry) => entry.toStatus)).toEqual(['AWAITING_ONBOARDING', 'READY']);
  });

  it('becomes READY when the second of contract and reserve is done, whichever comes first', () => {
    // Prepare
    const placement = awaitingOnboarding();

    // Act
    const funded = recordReserveFunded(placement, '2025-06-05T18:00:00Z', { at: '2025-06-05T18:00:01Z', by: billing('evt_1') });
    const signed = recordContractSigned(funded.placement, '2025-06-06T18:00:00Z', {
      at: '2025-06-06T18:00:01Z',
      by: docusign('dsevt-1'),
    });

    // Assess
    expect(funded.placement.status).toBe('AWAITING_ONBOARDING');
    expect(funded.placement.reserve).toEqual({ status: 'FUNDED', checkoutSessionId: 'cs_1', fundedAt: '2025-06-05T18:00:00Z' });
    expect(signed.placement.status).toBe('READY');
    expect(signed.placement.contract).toMatchObject({ envelopeId: 'env-1', status: 'SIGNED', signedAt: '2025-06-06T18:00:00Z' });
    expect(signed.entries[0]).toMatchObject({ what: 'CONTRACT_SIGNED', fromStatus: 'AWAITING_ONBOARDING', toStatus: 'READY' });
  });

  it('changes nothing when the same signature or payment is reported again', () => {
    // Prepare
    const signed = recordContractSigned(awaitingOnboarding(), '2025-06-06T18:00:00Z', { at: '2025-06-06T18:00:01Z', by: docusign('a') });
    const funded = recordReserveFunded(signed.placement, '2025-06-06T19:00:00Z', { at: '2025-06-06T19:00:01Z', by: billing('b') });

    // Act
    const signedAgain = recordContractSigned(funded.placement, '2025-06-06T18:00:00Z', { at: '2025-06-07T00:00:00Z', by: docusign('a') });
    const fundedAgain = recordReserveFunded(funded.placement, '2025-06-06T19:00:00Z', { at: '2025-06-07T00:00:00Z', by: billing('b') });

    // Assess
    expect(signedAgain).toEqual({ placement: funded.placement, entries: [] });
    expect(fundedAgain).toEqual({ placement: funded.placement, entries: [] });
  });

  it('cancels the placement with a reason when the client declines the contract', () => {
    // Act
    const { placement, entries } = recordContractRefused(awaitingOnboarding(), 'DECLINED', {
      at: '2025-06-06T18:00:00Z',
      by: docusign('declined-1'),
    });

    // Assess
    expect(placement.status).toBe('CANCELLED');
    expect(placement.contract?.status).toBe('DECLINED');
    expect(placement.cancellation).toEqual({ reason: 'The client declined the contract.', cancelledAt: '2025-06-06T18:00:00Z' });
    expect(entries[0]).toMatchObject({ what: 'CONTRACT_REFUSED', toStatus: 'CANCELLED' });
  });

  it('records a payment that arrives after cancellation, without changing the status', () => {
    // Prepare
    const cancelled = cancelPlacement(awaitingOnboarding(), 'Client changed plans', { at: '2025-06-06T10:00:00Z', by: staff });

    // Act
    const { placement, entries } = recordReserveFunded(cancelled.placement, '2025-06-06T11:00:00Z', {
      at: '2025-06-06T11:00:01Z',
      by: billing('late'),
    });

    // Assess
    expect(placement.status).toBe('CANCELLED');
    expect(placement.reserve?.status).toBe('FUNDED');
    expect(entries[0]).toMatchObject({ what: 'RESERVE_FUNDED' });
    expect(entries[0]?.toStatus).toBeUndefined();
  });

  it('refuses a signature for a placement that never had a contract', () => {
    // Act & Assess
    expect(() =>
      recordContractSigned(newPlacement('01JXPLACEMENT'), '2025-06-06T18:00:00Z', { at: '2025-06-06T18:00:00Z', by: docusign('x') }),
    ).toThrow(Conflict);
  });

  it('moves the week when the paperwork completed after the cutoff', () => {
    // Prepare: planned week 2025-06-09 (cutoff 14:00Z that Monday); reserve funded the Tuesday of the week after.
    const signed = recordContractSigned(awaitingOnboarding(), '2025-06-06T18:00:00Z', { at: '2025-06-06T18:00:00Z', by: docusign('s') });
    const funded = recordReserveFunded(signed.placement, '2025-06-17T15:00:00Z', { at: '2025-06-17T15:00:00Z', by: billing('f') });

    // Act
    const { placement, entries } = rescheduleIfLate(funded.placement, config, { at: '2025-06-17T15:00:01Z', by: lifecycle });

    // Assess
    expect(placement.timeline).toMatchObject({ certificationWeek: '2025-06-23', rescheduledFrom: '2025-06-09', examAt: '2025-06-27T18:00:00Z' });
    expect(placement.timeline.linksAt).toBe(funded.placement.timeline.linksAt);
    expect(entries[0]).toMatchObject({ what: 'WEEK_RESCHEDULED', details: { from: '2025-06-09', to: '2025-06-23' } });
  });

  it('keeps the week when the paperwork beat the cutoff', () => {
    // Prepare
    const signed = recordContractSigned(awaitingOnboarding(), '2025-06-06T18:00:00Z', { at: '2025-06-06T18:00:00Z', by: docusign('s') });
    const funded = recordReserveFunded(signed.placement, '2025-06-07T15:00:00Z', { at: '2025-06-07T15:00:00Z', by: billing('f') });

    // Act
    const result = rescheduleIfLate(funded.placement, config, { at: '2025-06-07T15:00:01Z', by: lifecycle });

    // Assess
    expect(result).toEqual({ placement: funded.placement, entries: [] });
  });
});

describe('exam and certificate', () => {
  it.each([
    { score: 80, status: 'CERTIFIED', passed: true },
    { score: 100, status: 'CERTIFIED', passed: true },
    { score: 79, status: 'NOT_CERTIFIED', passed: false },
    { score: 0, status: 'NOT_CERTIFIED', passed: false },
  ])('a score of $score against a pass mark of 80 → $status', ({ score, status, passed }) => {
    // Act
    const { placement, entries } = recordExamResult(inStatus('EXAM'), { score, notes: 'calm and precise' }, config, {
      at: '2025-06-13T20:00:00Z',
      by: { kind: 'staff', name: 'Pat Proctor', role: 'proctor' },
    });

    // Assess
    expect(placement.status).toBe(status);
    expect(placement.exam).toEqual({ score, passMark: 80, passed, notes: 'calm and precise', recordedAt: '2025-06-13T20:00:00Z' });
    expect(entries[0]).toMatchObject({ what: 'EXAM_RECORDED', fromStatus: 'EXAM', toStatus: status });
  });

  it('refuses a score unless the placement is at its exam', () => {
    // Act & Assess
    expect(() => recordExamResult(inStatus('IN_CERTIFICATION'), { score: 90 }, config, { at: '2025-06-12T20:00:00Z', by: staff })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ reason: 'NOT_AT_EXAM' }) }),
    );
  });

  it('issues one certificate to a certified placement', () => {
    // Prepare
    const stamp = { at: '2025-06-13T20:05:00Z', by: lifecycle };

    // Act
    const issued = issueCertificate(inStatus('CERTIFIED'), 'cert-1', stamp);
    const again = issueCertificate(issued.placement, 'cert-2', stamp);

    // Assess
    expect(issued.placement.certificate).toEqual({ id: 'cert-1', issuedAt: '2025-06-13T20:05:00Z' });
    expect(again.entries).toEqual([]);
    expect(again.placement.certificate?.id).toBe('cert-1');
    expect(() => issueCertificate(inStatus('NOT_CERTIFIED'), 'cert-3', stamp)).toThrow(Conflict);
  });
});

describe('cancellation and attention', () => {
  it('cancels with a reason; cancelling again changes nothing; a finished placement cannot be cancelled', () => {
    // Prepare
    const stamp = { at: '2025-06-07T10:00:00Z', by: staff };

    // Act
    const cancelled = cancelPlacement(inStatus('READY'), 'Client hired in-house', stamp);
    const again = cancelPlacement(cancelled.placement, 'Another reason', stamp);

    // Assess
    expect(cancelled.placement.status).toBe('CANCELLED');
    expect(cancelled.placement.cancellation).toEqual({ reason: 'Client hired in-house', cancelledAt: stamp.at });
    expect(again.entries).toEqual([]);
    expect(again.placement.cancellation?.reason).toBe('Client hired in-house');
    expect(() => cancelPlacement(inStatus('ACTIVE'), 'too late', stamp)).toThrow(Conflict);
  });

  it('flags for attention without changing the status, and clears the flag', () => {
    // Prepare
    const placement = inStatus('AWAITING_ONBOARDING');

    // Act
    const flagged = flagForAttention(placement, 'No answer after the last reminder', { at: '2025-06-12T13:00:00Z', by: lifecycle });
    const cleared = clearAttention(flagged.placement, { at: '2025-06-12T15:00:00Z', by: staff });

    // Assess
    expect(flagged.placement.status).toBe('AWAITING_ONBOARDING');
    expect(flagged.placement.needsAttention).toEqual({ reason: 'No answer after the last reminder', since: '2025-06-12T13:00:00Z' });
    expect(cleared.placement.needsAttention).toBeUndefined();
    expect(cleared.entries[0]?.what).toBe('ATTENTION_CLEARED');
  });
});

describe('reserve carry-over', () => {
  it('reuses the funded reserve of the same client’s placement that did not certify', () => {
    // Prepare
    const failed = inStatus('NOT_CERTIFIED', {
      id: '01JXOLD',
      reserve: { status: 'FUNDED', checkoutSessionId: 'cs_old', fundedAt: '2025-06-05T18:00:00Z' },
    });
    const next = { ...newPlacement('01JXNEXT') };

    // Act
    const candidate = reserveToCarryOver(next, [next, failed]);
    const { placement, entries } = carryOverReserve(next, failed, { at: '2025-06-20T10:00:00Z', by: lifecycle });

    // Assess
    expect(candidate?.id).toBe('01JXOLD');
    expect(placement.reserve).toEqual({ status: 'FUNDED', fundedAt: '2025-06-20T10:00:00Z', carriedOverFrom: '01JXOLD' });
    expect(entries[0]).toMatchObject({ what: 'RESERVE_CARRIED_OVER', details: { carriedOverFrom: '01JXOLD' } });
  });

  it('reuses the funded reserve of a cancelled placement too: the money was never used for a VE', () => {
    // Prepare
    const cancelled = inStatus('CANCELLED', { id: '01JXCANCELLED', reserve: { status: 'FUNDED', fundedAt: '2025-06-05T18:00:00Z' } });
    const next = newPlacement('01JXNEXT');

    // Act
    const candidate = reserveToCarryOver(next, [next, cancelled]);

    // Assess
    expect(candidate?.id).toBe('01JXCANCELLED');
    expect(carryOverReserve(next, cancelled, { at: '2025-06-20T10:00:00Z', by: lifecycle }).placement.reserve?.carriedOverFrom).toBe('01JXCANCELLED');
  });

  it('does not reuse a reserve twice, nor one of a certified placement', () => {
    // Prepare
    const failed = inStatus('NOT_CERTIFIED', { id: '01JXOLD', reserve: { status: 'FUNDED', fundedAt: '2025-06-05T18:00:00Z' } });
    const reused = inStatus('SELECTED', { id: '01JXMID', reserve: { status: 'FUNDED', fundedAt: '2025-06-20T10:00:00Z', carriedOverFrom: '01JXOLD' } });
    const certified = inStatus('CERTIFIED', { id: '01JXCERT', reserve: { status: 'FUNDED', fundedAt: '2025-06-05T18:00:00Z' } });
    const next = newPlacement('01JXNEXT');

    // Act & Assess
    expect(reserveToCarryOver(next, [next, failed, reused])).toBeUndefined();
    expect(reserveToCarryOver(next, [next, certified])).toBeUndefined();
    expect(() => carryOverReserve(next, certified, { at: '2025-06-20T10:00:00Z', by: lifecycle })).toThrow(Conflict);
  });
});

describe('history order', () => {
  it('orders entries by time, keeping the given order for equal times', () => {
    // Prepare
    const at = (time: string, what: 'LINKS_SENT' | 'REMINDER_SENT' | 'CANCELLED') => ({
      placementId: 'p',
      at: time,
      what,
      by: lifecycle,
    });

    // Act
    const ordered = chronological([
      at('2025-06-06T13:00:00Z', 'REMINDER_SENT'),
      at('2025-06-04T09:00:00-04:00', 'LINKS_SENT'),
      at('2025-06-06T13:00:00Z', 'CANCELLED'),
    ]);

    // Assess
    expect(ordered.map((item) => item.what)).toEqual(['LINKS_SENT', 'REMINDER_SENT', 'CANCELLED']);
  });
});
