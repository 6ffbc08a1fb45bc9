import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import type { AgencyConfig } from './agency-config';
import { addWorkingDays } from './calendar';
import { Conflict } from './errors';
import { instantSchema, type Actor, type HistoryEntry, type Instant } from './schemas';

/**
 * A mentor case is its own item, not part of the placement: a client who writes often does not grow the
 * placement, and what they wrote stays out of the placement's history. It opens (the client wrote, a low
 * review, a client gone quiet), a mentor acknowledges it (and owns it), and a mentor closes it.
 */

export const mentorCaseReasons = ['TALK_TO_US', 'LOW_REVIEW', 'CLIENT_QUIET'] as const;
export const mentorCaseReasonSchema = z.enum(mentorCaseReasons);

export const mentorCaseStatuses = ['OPEN', 'ACKNOWLEDGED', 'CLOSED'] as const;
export const mentorCaseStatusSchema = z.enum(mentorCaseStatuses);
export type MentorCaseStatus = z.infer<typeof mentorCaseStatusSchema>;

/** A mentor has this many agency working days to acknowledge a case before the staff digest lists it. */
export const acknowledgementWorkingDays = 2;

export const caseNoteSchema = z.object({
  at: instantSchema,
  /** The mentor's (or staff member's) name. */
  by: z.string().check(z.minLength(1)),
  text: z.string().check(z.minLength(1)),
  /** A note for the client: emailed to them when the case closes. */
  toClient: z.boolean(),
});
export type CaseNote = z.infer<typeof caseNoteSchema>;

export const mentorCaseSchema = z.object({
  id: z.string().check(z.minLength(1)),
  placementId: z.string().check(z.minLength(1)),
  /** Optimistic-concurrency version: a move is saved only over the version it was decided on. */
  version: z.number().check(z.int(), z.gte(1)),
  // Cases opened before there were other reasons came from "Talk to us".
  reason: z._default(mentorCaseReasonSchema, 'TALK_TO_US'),
  message: z.string().check(z.minLength(1)),
  status: mentorCaseStatusSchema,
  openedAt: instantSchema,
  /** `openedAt` plus two agency working days, at the same agency wall-clock time. */
  acknowledgeBy: instantSchema,
  /** The mentor who owns the case. */
  assignedTo: z.optional(z.string().check(z.minLength(1))),
  acknowledgedAt: z.optional(instantSchema),
  acknowledgedBy: z.optional(z.string().check(z.minLength(1))),
  closedAt: z.optional(instantSchema),
  closedBy: z.optional(z.string().check(z.minLength(1))),
  notes: z._default(z.array(caseNoteSchema), []),
  /** The page's form (or the API client's Idempotency-Key): the same submission opens the same case. */
  submissionId: z.optional(z.string().check(z.minLength(1))),
  mentorsToldAt: z.optional(instantSchema),
  /** When the closing note reached the client. */
  clientToldAt: z.optional(instantSchema),
});
export type MentorCase = z.infer<typeof mentorCaseSchema>;
export type MentorCaseReason = MentorCase['reason'];

/** A new case, due for acknowledgement two agency working days after it opened. */
export function openCase(
  opening: { id: string; placementId: string; reason: MentorCaseReason; message: string; submissionId?: string },
  openedAt: Instant,
  calendar: Pick<AgencyConfig, 'agencyTimezone' | 'holidays'>,
): MentorCase {
  return {
    id: opening.id,
    placementId: opening.placementId,
    version: 1,
    reason: opening.reason,
    message: opening.message,
    status: 'OPEN',
    openedAt,
    acknowledgeBy: addWorkingDays(openedAt, acknowledgementWorkingDays, calendar),
    notes: [],
    ...(opening.submissionId === undefined ? {} : { submissionId: opening.submissionId }),
  };
}

/** Who acts on a case, and when. */
export interface CaseStamp {
  at: Instant;
  /** The acting mentor's (or staff member's) name. */
  by: string;
}

const withNote = (notes: CaseNote[], stamp: CaseStamp, text: string | undefined, toClient: boolean): CaseNote[] =>
  text === undefined ? notes : [...notes, { at: stamp.at, by: stamp.by, text, toClient }];

function closedConflict(mentorCase: MentorCase, doing: string): Conflict {
  return new Conflict(`This case was closed${mentorCase.closedBy === undefined ? '' : ` by ${mentorCase.closedBy}`}; it cannot be ${doing}.`, {
    reason: 'CASE_CLOSED',
    caseId: mentorCase.id,
  });
}

/**
 * A mentor takes the case: an open one becomes ACKNOWLEDGED and is assigned to them (or to `assignTo`).
 * Acknowledging an acknowledged case only reassigns it or adds a note; taking over someone else's case
 * without naming the new owner is refused, so that two mentors answering at once do not both think it theirs.
 */
export function acknowledge(mentorCase: MentorCase, request: { note?: string; assignTo?: string }, stamp: CaseStamp): MentorCase {
  if (mentorCase.status === 'CLOSED') throw closedConflict(mentorCase, 'acknowledged');
  const notes = withNote(mentorCase.notes, stamp, request.note, false);
  if (mentorCase.status === 'OPEN') {
    return {
      ...mentorCase,
      status: 'ACKNOWLEDGED',
      assignedTo: request.assignTo ?? stamp.by,
      acknowledgedAt: stamp.at,
      acknowledgedBy: stamp.by,
      notes,
    };
  }
  if (request.assignTo === undefined && mentorCase.assignedTo !== stamp.by) {
    throw new Conflict(`${mentorCase.assignedTo ?? 'Another mentor'} acknowledged this case already; name assignTo to take it over.`, {
      reason: 'ALREADY_ACKNOWLEDGED',
      caseId: mentorCase.id,
      assignedTo: mentorCase.assignedTo,
    });
  }
  const assignedTo = request.assignTo ?? mentorCase.assignedTo;
  // Nothing new to say: the case stays as it is (and is not saved again).
  if (assignedTo === mentorCase.assignedTo && request.note === undefined) return mentorCase;
  return { ...mentorCase, assignedTo, notes };
}

/** A mentor closes an open or acknowledged case, with a note for the file and a note for the client, each optional. */
export function close(mentorCase: MentorCase, request: { note?: string; noteToClient?: string }, stamp: CaseStamp): MentorCase {
  if (mentorCase.status === 'CLOSED') throw closedConflict(mentorCase, 'closed again');
  return {
    ...mentorCase,
    status: 'CLOSED',
    closedAt: stamp.at,
    closedBy: stamp.by,
    notes: withNote(withNote(mentorCase.notes, stamp, request.note, false), stamp, request.noteToClient, true),
  };
}

/** The note the client is owed: closed with a note to them that has not reached them yet. */
export function noteOwedToClient(mentorCase: MentorCase): CaseNote | undefined {
  if (mentorCase.status !== 'CLOSED' || mentorCase.clientToldAt !== undefined) return undefined;
  return mentorCase.notes.findLast((note) => note.toClient);
}

/** The placement's history notes the move and the case id only: what was written stays on the case. */
export function caseHistoryEntry(mentorCase: Pick<MentorCase, 'id' | 'placementId'>, what: 'CASE_ACKNOWLEDGED' | 'CASE_CLOSED', stamp: { at: Instant; by: Actor }): HistoryEntry {
  return { placementId: mentorCase.placementId, at: stamp.at, what, by: stamp.by, details: { caseId: mentorCase.id } };
}

/** A move lost the race: someone else acted on the case after it was read. */
export function staleCase(caseId: string, readVersion: number): Conflict {
  return new Conflict('Someone else acted on this case first; read it again and decide again.', { reason: 'STALE_CASE', caseId, readVersion });
}

// --- What the staff API takes ---

const noteText = z.string().check(z.trim(), z.minLength(1), z.maxLength(4000));
const mentorName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(200),
    z.refine((value) => !/\p{Cc}/u.test(value), { message: 'must not contain line breaks, tabs or other control characters' }),
  );

/** `POST /cases/{id}/acknowledge`: both optional (an empty body takes the case for the caller). */
export const acknowledgeCaseRequestSchema = z.strictObject({ note: z.optional(noteText), assignTo: z.optional(mentorName) });
export type AcknowledgeCaseRequest = z.infer<typeof acknowledgeCaseRequestSchema>;

/** `POST /cases/{id}/close`: a note for the file and one emailed to the client, both optional. */
export const closeCaseRequestSchema = z.strictObject({ note: z.optional(noteText), noteToClient: z.optional(noteText) });
export type CloseCaseRequest = z.infer<typeof closeCaseRequestSchema>;

/** `GET /cases?status=open|acknowledged|closed&limit=&nextToken=`. */
export const listCasesQuerySchema = z.object({
  status: z.enum(['open', 'acknowledged', 'closed']),
  nextToken: z.optional(z.string().check(z.minLength(1))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const caseStatusOf = (status: ListCasesQuery['status']): MentorCaseStatus => mentorCaseStatusSchema.parse(status.toUpperCase());

// --- The client's allowance ---

/** A client may open this many cases on one of their calendar days; beyond it they are asked to call. */
export const casesPerClientDay = 5;

/** The client's calendar day the limit counts on, and when their next day begins (when to try again). */
export function caseDay(now: string, clientTimezone: string): { day: string; nextDayStartsAt: string } {
  const local = DateTime.fromISO(now, { zone: 'utc' }).setZone(clientTimezone);
  return {
    day: local.toISODate() ?? now.slice(0, 10),
    nextDayStartsAt: local.plus({ days: 1 }).startOf('day').toUTC().toISO() ?? now,
  };
}
