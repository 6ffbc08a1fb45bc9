import type { AgencyConfig } from '../domain/agency-config';
import type { CaseNote, MentorCase, MentorCaseReason } from '../domain/mentor-cases';
import type { Placement } from '../domain/placement';
import { clientCountry, inReaderTime, render, type LetterAgency, type RenderedEmail } from './layout';

/** The letters about mentor cases beyond the mentor team's own (letters.ts `mentorCaseLetter`). */

/** What the client hears first, by why the case was opened. */
const closingOpeners: Record<MentorCaseReason, (ve: string) => string> = {
  TALK_TO_US: (ve) => `Thank you for writing to our mentor team about working with ${ve}.`,
  LOW_REVIEW: (ve) => `Thank you for telling us how it is going with ${ve}. Our mentor team looked into it.`,
  CLIENT_QUIET: (ve) => `We had not heard from you for a while about how it is going with ${ve}, so our mentor team looked in.`,
};

/**
 * A mentor closed the client's case with a note to them. Names are used exactly as given (whatever the
 * script); a reply reaches the mentor team.
 */
export function caseClosedClientLetter(
  placement: Placement,
  mentorCase: Pick<MentorCase, 'id' | 'reason'>,
  note: Pick<CaseNote, 'by' | 'text'>,
  agency: Pick<AgencyConfig, 'mentorTeamEmail'> & LetterAgency,
): RenderedEmail {
  const { client, candidate } = placement;
  return render({
    to: [client.email],
    readerCountry: clientCountry(placement),
    replyTo: agency.mentorTeamEmail,
    subject: `A note from our mentor team about ${candidate.name}`,
    greeting: `Dear ${client.name},`,
    blocks: [
      closingOpeners[mentorCase.reason](candidate.name),
      `${note.by}, of our mentor team, writes:`,
      note.text,
      `If there is more to talk about, just reply to this email: it reaches the mentor team, who will help you and ${candidate.name}.`,
    ],
    signOff: 'Warm regards,\nThe Mentor Team',
  }, agency);
}

const reasonsInWords: Record<MentorCaseReason, string> = {
  TALK_TO_US: 'the client wrote',
  LOW_REVIEW: 'a low review',
  CLIENT_QUIET: 'the client has gone quiet',
};

/** Why an open case is in the staff digest: no mentor acknowledged it within its working days. */
export function unacknowledgedCaseReason(mentorCase: Pick<MentorCase, 'id' | 'reason' | 'openedAt' | 'acknowledgeBy'>, agency: Pick<AgencyConfig, 'agencyTimezone'>): string {
  return `mentor case ${mentorCase.id} (${reasonsInWords[mentorCase.reason]}), opened ${inReaderTime(mentorCase.openedAt, agency.agencyTimezone)}, is not acknowledged: it was due by ${inReaderTime(mentorCase.acknowledgeBy, agency.agencyTimezone)}.`;
}
