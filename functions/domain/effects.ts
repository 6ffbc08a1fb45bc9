import type { Instant, Placement } from './schemas';

/**
 * The names under which a placement records each side effect it carried out once (an email sent, a
 * session held). They are domain state, not labels: a resumed lifecycle reads them to know what is
 * done, and the number of paperwork reminders sent is counted from them.
 */
export const effectKeys = {
  onboardingLinks: 'onboardingLinks',
  paperworkReminder: (number: number) => `paperworkReminder:${number}`,
  paperworkEscalation: 'paperworkEscalation',
  weekSchedule: (certificationWeek: string, audience: 'client' | 've') => `weekSchedule:${certificationWeek}:${audience}`,
  session: (index: number) => `session:${index}`,
  examDay: 'examDay',
  /** One a day: the UTC day of the reminder. */
  proctorReminder: (now: Instant) => `proctorReminder:${now.slice(0, 10)}`,
  certifiedClient: 'certifiedClient',
  certifiedVe: 'certifiedVe',
  welcome: 'welcome',
  checkIn: (weeksSinceStart: number) => `checkIn:${weeksSinceStart}`,
  notCertifiedClient: 'notCertifiedClient',
  notCertifiedCustomerService: 'notCertifiedCustomerService',
  /** Per failed execution: one notice however often its failure step is retried. */
  lifecycleFailure: (executionArn: string) => `attention:${executionArn}`,
  contractRefused: 'customerServiceTold:contractRefused',
  paymentFailed: (eventId: string) => `paymentFailed:${eventId}`,
  /** Customer Service hears once of each provider event about the reserve's money that a person must look at. */
  reservePaymentRefused: (eventId: string) => `customerServiceTold:reservePaymentRefused:${eventId}`,
  reserveRefunded: (eventId: string) => `customerServiceTold:reserveRefunded:${eventId}`,
  reserveDisputed: (eventId: string) => `customerServiceTold:reserveDisputed:${eventId}`,
  mentorCase: (caseId: string) => `mentorCase:${caseId}`,
  /** The links letter once more, for the contract re-sent to a corrected signer. */
  correctedContractLinks: (envelopeId: string) => `correctedContractLinks:${envelopeId}`,
} as const;

/** A side effect (an email, a session held) carried out once; a resumed lifecycle checks before repeating it. */
export function effectDone(placement: Pick<Placement, 'effects'>, key: string): boolean {
  return placement.effects?.[key] !== undefined;
}

/** How many paperwork reminders went out: reminder n is recorded under its own key. */
export function paperworkRemindersSent(placement: Pick<Placement, 'effects'>): number {
  const prefix = effectKeys.paperworkReminder(0).replace(/\d+$/, '');
  return Object.keys(placement.effects ?? {}).filter((key) => key.startsWith(prefix)).length;
}
