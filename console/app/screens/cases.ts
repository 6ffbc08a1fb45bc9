import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { mentorCaseViewSchema } from '../../../functions/http/api-contract';
import { api } from '../api';
import { agency, html } from '../context';
import { formatInstant } from '../time';
import { Failure, Loading, useResource, useSubmission } from '../ui';

type MentorCase = z.infer<typeof mentorCaseViewSchema>;
type Listing = 'open' | 'acknowledged' | 'closed';

const reasons: Record<MentorCase['reason'], string> = {
  TALK_TO_US: 'The client wrote through "Talk to us"',
  LOW_REVIEW: 'A low review',
  CLIENT_QUIET: 'The client has gone quiet',
};

function CaseCard({ mentorCase, onChanged }: { mentorCase: MentorCase; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [noteToClient, setNoteToClient] = useState('');
  const move = useSubmission<MentorCase>();
  const path = (verb: string) => `cases/${encodeURIComponent(mentorCase.id)}/${verb}`;
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const send = async (verb: 'acknowledge' | 'close') => {
    const body = verb === 'close' ? { note: optional(note), noteToClient: optional(noteToClient) } : { note: optional(note) };
    if ((await move.submit(() => api<MentorCase>('POST', path(verb), body))) !== undefined) onChanged();
  };
  const late = mentorCase.status === 'OPEN' && new Date(mentorCase.acknowledgeBy) < new Date();
  const standing =
    mentorCase.status === 'OPEN'
      ? `acknowledge by ${formatInstant(mentorCase.acknowledgeBy, agency.timezone)}`
      : mentorCase.status === 'ACKNOWLEDGED'
        ? `held by ${mentorCase.assignedTo ?? mentorCase.acknowledgedBy ?? '—'}`
        : `closed by ${mentorCase.closedBy ?? '—'} ${formatInstant(mentorCase.closedAt, agency.timezone)}`;
  const headingId = `case-${mentorCase.id}`;
  const noteId = `${headingId}-note`;
  return html`<section class=${late ? 'card attention' : 'card'} aria-labelledby=${headingId}>
    <h2 id=${headingId}>${reasons[mentorCase.reason]}</h2>
    <p class="muted">${`Opened ${formatInstant(mentorCase.openedAt, agency.timezone)} · `}${standing}${late ? html` <strong>(late)</strong>` : ''}${' · '}<a href=${`#/placements/${encodeURIComponent(mentorCase.placementId)}`}>Open the placement</a></p>
    <blockquote>${mentorCase.message}</blockquote>
    ${mentorCase.notes.length === 0
      ? null
      : html`<ul class="notes" aria-label="Notes">
          ${mentorCase.notes.map((entry) => html`<li><span class="muted">${entry.by}, ${formatInstant(entry.at, agency.timezone)}${entry.toClient ? ' (to the client)' : ''}:</span> ${entry.text}</li>`)}
        </ul>`}
    ${mentorCase.status === 'CLOSED'
      ? null
      : html`<form onSubmit=${(event: Event) => event.preventDefault()}>
          <${Failure} failure=${move.failure} />
          <div class="field">
            <label for=${noteId}>Note for the file (optional)</label>
            <textarea id=${noteId} rows="2" maxlength="4000" value=${note} onInput=${(event: Event) => setNote((event.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          <div class="field">
            <label for=${`${noteId}-client`}>Note to the client, emailed when the case closes (optional)</label>
            <textarea id=${`${noteId}-client`} rows="2" maxlength="4000" value=${noteToClient} onInput=${(event: Event) => setNoteToClient((event.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          <div class="buttons">
            <button type="button" disabled=${move.busy} onClick=${() => send('acknowledge')}>${mentorCase.status === 'OPEN' ? 'Acknowledge: I take it' : 'Add the note'}</button>
            <button type="button" class="secondary" disabled=${move.busy} onClick=${() => send('close')}>Close the case</button>
          </div>
        </form>`}
  </section>`;
}

/** Mentor cases by status, newest first; open ones past their acknowledgement time stand out. */
export function Cases() {
  const [listing, setListing] = useState<Listing>('open');
  const list = useResource<{ items: MentorCase[] }>(`cases?status=${listing}&limit=100`);
  const choice = (value: Listing, label: string) =>
    html`<button type="button" class=${listing === value ? 'tab active' : 'tab'} aria-pressed=${listing === value} onClick=${() => setListing(value)}>${label}</button>`;
  const cases = list.value?.items ?? [];
  return html`<section>
    <h1 tabindex="-1">Mentor cases</h1>
    <div class="tabs" role="group" aria-label="Which cases">${choice('open', 'Open')} ${choice('acknowledged', 'Acknowledged')} ${choice('closed', 'Closed')}</div>
    <${Failure} failure=${list.failure} />
    ${list.loading && list.value === undefined
      ? html`<${Loading} />`
      : cases.length === 0
        ? html`<p class="muted">No ${listing} cases.</p>`
        : cases.map((mentorCase) => html`<${CaseCard} key=${`${mentorCase.id}-${mentorCase.status}-${mentorCase.notes.length}`} mentorCase=${mentorCase} onChanged=${list.reload} />`)}
  </section>`;
}
