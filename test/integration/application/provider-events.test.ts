import { beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingEmail, ResumeOutcome } from '../../../functions/application/ports';
import { handleBillingEvent, handleContractEvent, type ProviderEventDeps } from '../../../functions/application/provider-events';
import { recordProctorResult } from '../../../functions/application/staff-placements';
import { verifyCertificate } from '../../../functions/application/certificates';
import {
  awaitInLifecycle,
  cancelPlacement,
  changeStatus,
  issueCertificate,
  recordContractSent,
  recordLinksSent,
  recordReserveRequested,
  reserveToCarryOver,
  type Placement,
} from '../../../functions/domain/placement';
import { useInMemoryTable } from '../../support/table';
import { config, lifecycle, linkKeys, newPlacement, staff } from '../../support/domain-fixtures';

// What a provider's retry completes when the first delivery saved the fact but failed after it (a
// throttled resume, an email that did not go), on dynalite with a workflow and a mailer that can fail.

const table = useInMemoryTable('provider-events');
const now = '2025-06-05T15:00:00Z';
let resumes: string[];
let resumeFailures: number;
let sent: OutgoingEmail[];
let sendFailures: number;

const deps = (): ProviderEventDeps => ({
  placements: table.repository,
  workflow: {
    resume: async (token): Promise<ResumeOutcome> => {
      if (resumeFailures > 0) {
        resumeFailures -= 1;
        throw new Error('ThrottlingException');
      }
      resumes.push(token);
      return 'resumed';
    },
    stop: async () => undefined,
  },
  mailer: {
    send: async (email) => {
      if (sendFailures > 0) {
        sendFailures -= 1;
        throw new Error('Throttling: Maximum sending rate exceeded');
      }
      sent.push(email);
      return { messageId: `m-${sent.length}` };
    },
  },
  agency: config,
  linkKeys,
  clock: { now: () => now },
});

/** A placement whose links went out and whose lifecycle waits for the paperwork under `token`. */
async function waitingForPaperwork(id: string, token: string): Promise<Placement> {
  const stamp = { at: '2025-06-05T13:00:00Z', by: lifecycle };
  let placement = recordContractSent(newPlacement(id), `env-${id}`, stamp).placement;
  placement = recordReserveRequested(placement, `cs_${id}`, stamp).placement;
  placement = recordLinksSent(placement, stamp).placement;
  placement = awaitInLifecycle(placement, 'paperwork', token, stamp).placement;
  return table.repository.create(placement, []);
}

const completed = (id: string) => ({
  event: 'envelope-completed',
  generatedDateTime: '2025-06-05T14:00:00Z',
  data: { envelopeId: `env-${id}`, envelopeSummary: { completedDateTime: '2025-06-05T14:00:00Z' } },
});
const paid = (id: string, eventId: string, type = 'checkout.session.completed') => ({
  id: eventId,
  type,
  created: 1_749_132_000,
  data: {
    object: {
      id: `cs_${id}`,
      client_reference_id: id,
      payment_status: 'paid',
      mode: 'payment',
      amount_total: config.reserveAmountMinor,
      currency: config.reserveCurrency,
      payment_intent: `pi_${id}`,
    },
  },
});

beforeEach(() => {
  resumes = [];
  resumeFailures = 0;
  sent = [];
  sendFailures = 0;
});

describe('a delivery retried after the first one failed half-way', () => {
  it('resumes the waiting lifecycle on the retry when the first resume failed', async () => {
    await waitingForPaperwork('p-resume', 'token-resume');
    await handleContractEvent(deps(), completed('p-resume'));
    resumeFailures = 1;

    await expect(handleBillingEvent(deps(), paid('p-resume', 'evt_1'))).rejects.toThrow('Throttling');
    const retried = await handleBillingEvent(deps(), paid('p-resume', 'evt_1'));

    expect(retried).toBe('duplicate');
    expect(resumes).toEqual(['token-resume']);
    expect((await table.repository.get('p-resume'))?.status).toBe('READY');
  });

  it('tells the client of a failed payment on the retry when the first email did not go, and only once', async () => {
    await waitingForPaperwork('p-email', 'token-email');
    const failed = paid('p-email', 'evt_failed', 'checkout.session.async_payment_failed');
    sendFailures = 1;

    await expect(handleBillingEvent(deps(), failed)).rejects.toThrow('Throttling');
    await handleBillingEvent(deps(), failed);
    await handleBillingEvent(deps(), failed);

    expect(sent.map((email) => email.to)).toEqual([['alex@client.example']]);
    expect(sent[0]?.text).toContain('/links/p-email/reserve?key=');
  });
});

describe('events that must not say more than happened', () => {
  it('records a signature that arrives after staff cancelled, without telling Customer Service of a refusal', async () => {
    const waiting = await waitingForPaperwork('p-cancelled', 'token-cancelled');
    const change = cancelPlacement(waiting, 'The client chose another candidate.', { at: now, by: staff });
    await table.repository.save(change.placement, change.entries);

    const outcome = await handleContractEvent(deps(), completed('p-cancelled'));

    expect(outcome).toBe('contract-signed');
    expect(sent).toEqual([]);
    expect((await table.repository.get('p-cancelled'))?.contract?.status).toBe('SIGNED');
  });
});

describe("the proctor's retry", () => {
  it('answers a repeated result with the placement and finishes the resume the first attempt could not', async () => {
    const waiting = await waitingForPaperwork('p-exam', 'token-paperwork');
    let placement: Placement = {
      ...waiting,
      contract: { envelopeId: 'env-p-exam', status: 'SIGNED', sentAt: now, signedAt: now },
      reserve: { status: 'FUNDED', fundedAt: now },
    };
    for (const to of ['READY', 'IN_CERTIFICATION', 'EXAM'] as const) placement = changeStatus(placement, to, { at: now, by: lifecycle }).placement;
    placement = awaitInLifecycle(placement, 'examResult', 'token-exam', { at: now, by: lifecycle }).placement;
    await table.repository.save(placement, []);
    resumeFailures = 1;
    const proctorDeps = { placements: table.repository, workflow: deps().workflow, agency: config, clock: { now: () => now } };

    await expect(recordProctorResult(proctorDeps, 'p-exam', { score: 85 }, staff)).rejects.toThrow('Throttling');
    const retried = await recordProctorResult(proctorDeps, 'p-exam', { score: 85 }, staff);

    expect(retried.status).toBe('CERTIFIED');
    expect(resumes).toEqual(['token-exam']);
    await expect(recordProctorResult(proctorDeps, 'p-exam', { score: 40 }, staff)).rejects.toThrow(/exam/);
  });
});

describe('the public certificate check', () => {
  it('gives the day of issue on the agency calendar, as the certificate prints it', async () => {
    const stored = await table.repository.get('p-exam');
    if (stored === undefined) throw new Error('the previous test stores p-exam');
    const issued = issueCertificate(stored, 'cert-late-friday', { at: '2025-06-14T02:30:00Z', by: lifecycle });
    await table.repository.save(issued.placement, issued.entries);

    const answer = await verifyCertificate(table.repository, 'cert-late-friday', config);

    expect(answer).toEqual({ certificateId: 'cert-late-friday', veName: 'Vee Assistant', clientCompany: 'Client Co', issuedOn: '2025-06-13', status: 'VALID' });
  });
});

describe('money that is not the reserve', () => {
  const customerService = () => sent.filter((email) => email.to.includes(config.customerServiceEmail));
  const historyOf = async (id: string) => (await table.repository.getWithHistory(id))?.history.map((entry) => entry.what) ?? [];
  const withSession = (event: ReturnType<typeof paid>, session: Record<string, unknown>) => ({
    ...event,
    data: { object: { ...event.data.object, ...session } },
  });

  it.each([
    ['one cent', { amount_total: 1 }],
    ['the amount in another currency', { currency: 'eur' }],
    ['a subscription', { mode: 'subscription' }],
    ["another placement's reference", { client_reference_id: 'p-someone-else' }],
  ])("refuses %s on the placement's own session: recorded, nothing funded, Customer Service told once", async (_case, session) => {
    const id = `p-refused-${Object.keys(session)[0] ?? ''}`;
    await waitingForPaperwork(id, `token-${id}`);
    const event = withSession(paid(id, `evt_${id}`), session);

    const outcomes = [await handleBillingEvent(deps(), event), await handleBillingEvent(deps(), event)];

    expect(outcomes).toEqual(['payment-refused', 'duplicate']);
    const placement = await table.repository.get(id);
    expect(placement?.reserve?.status).toBe('AWAITING_PAYMENT');
    expect(placement?.status).toBe('AWAITING_ONBOARDING');
    expect(await historyOf(id)).toContain('RESERVE_PAYMENT_REFUSED');
    expect(resumes).toEqual([]);
    expect(customerService()).toHaveLength(1);
    expect(customerService()[0]?.subject).toContain('was not taken as the billing reserve');
  });

  it('refuses a paid session we never opened that names the placement, and funds nothing', async () => {
    await waitingForPaperwork('p-foreign', 'token-foreign');
    const event = withSession(paid('p-foreign', 'evt_foreign'), { id: 'cs_opened_by_someone_else' });

    const outcome = await handleBillingEvent(deps(), event);

    expect(outcome).toBe('payment-refused');
    expect((await table.repository.get('p-foreign'))?.reserve?.status).toBe('AWAITING_PAYMENT');
    expect(customerService()).toHaveLength(1);
  });

  it('flags a refunded reserve, tells Customer Service once, and keeps it from carrying over', async () => {
    await waitingForPaperwork('p-refund', 'token-refund');
    await handleBillingEvent(deps(), paid('p-refund', 'evt_paid'));
    const refund = {
      id: 'evt_refund',
      type: 'charge.refunded',
      created: 1_749_140_000,
      data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_p-refund', amount_refunded: config.reserveAmountMinor, refunded: true, currency: 'usd' } },
    };

    const outcomes = [await handleBillingEvent(deps(), refund), await handleBillingEvent(deps(), refund)];

    expect(outcomes).toEqual(['reserve-refunded', 'duplicate']);
    const placement = await table.repository.get('p-refund');
    expect(placement?.needsAttention?.reason).toContain('refunded');
    expect(placement?.reserve?.refundedAt).toBeDefined();
    expect(await historyOf('p-refund')).toContain('RESERVE_REFUNDED');
    expect(customerService().map((email) => email.subject)).toEqual([expect.stringContaining('refunded')]);
    const cancelled = cancelPlacement(placement as Placement, 'The client withdrew.', { at: now, by: staff }).placement;
    expect(reserveToCarryOver(newPlacement('p-next'), [cancelled])).toBeUndefined();
  });

  it('flags a disputed reserve and tells Customer Service', async () => {
    await waitingForPaperwork('p-dispute', 'token-dispute');
    await handleBillingEvent(deps(), paid('p-dispute', 'evt_paid_dispute'));
    const dispute = {
      id: 'evt_dispute',
      type: 'charge.dispute.created',
      created: 1_749_140_000,
      data: { object: { id: 'dp_1', object: 'dispute', charge: 'ch_2', payment_intent: 'pi_p-dispute', amount: config.reserveAmountMinor, currency: 'usd', reason: 'fraudulent' } },
    };

    expect(await handleBillingEvent(deps(), dispute)).toBe('reserve-disputed');
    expect((await table.repository.get('p-dispute'))?.needsAttention?.reason).toContain('disputed');
    expect(customerService().map((email) => email.subject)).toEqual([expect.stringContaining('disputed')]);
  });

  it('ignores a refund of a payment that is not a reserve', async () => {
    const refund = {
      id: 'evt_other_refund',
      type: 'charge.refunded',
      created: 1_749_140_000,
      data: { object: { id: 'ch_9', object: 'charge', payment_intent: 'pi_unknown', amount_refunded: 100, refunded: true } },
    };

    expect(await handleBillingEvent(deps(), refund)).toBe('unknown-placement');
    expect(sent).toEqual([]);
  });
});
