import { useState } from 'preact/hooks';
import type { PlacementView } from '../../../functions/http/api-contract';
import { api } from '../api';
import { agency, html } from '../context';
import { calendarDayIn, formatInstant } from '../time';
import { Failure, Loading, Success, useResource, useSubmission } from '../ui';

/** The proctor's score, with the pass mark in sight. */
export function ScoreForm({ placement, onRecorded }: { placement: PlacementView; onRecorded: (placement: PlacementView) => void }) {
  const [score, setScore] = useState('');
  const [notes, setNotes] = useState('');
  const { busy, failure, result, submit } = useSubmission<PlacementView>();
  const fieldId = `score-${placement.id}`;

  const record = async (event: Event) => {
    event.preventDefault();
    const recorded = await submit(() =>
      api<PlacementView>('POST', `placements/${encodeURIComponent(placement.id)}/exam-result`, { score: Number(score), ...(notes.trim() === '' ? {} : { notes: notes.trim() }) }),
    );
    if (recorded !== undefined) onRecorded(recorded);
  };

  if (result?.exam !== undefined) {
    return html`<${Success}><p>Recorded ${result.exam.score}/100 for ${result.candidate.name}: ${result.exam.passed ? 'passed. The certificate goes to the client.' : 'not passed. The client is told kindly and Customer Service restarts interviews.'}</p><//>`;
  }
  return html`<form onSubmit=${record} class="score-form">
    <${Failure} failure=${failure} />
    <div class="field">
      <label for=${fieldId}>Score out of 100 <span class="pass-mark">pass mark ${agency.passMark}</span></label>
      <input id=${fieldId} type="number" inputmode="numeric" min="0" max="100" step="1" required value=${score} onInput=${(event: Event) => setScore((event.target as HTMLInputElement).value)} />
    </div>
    <div class="field">
      <label for=${`${fieldId}-notes`}>Notes (optional)</label>
      <textarea id=${`${fieldId}-notes`} rows="2" maxlength="2000" value=${notes} onInput=${(event: Event) => setNotes((event.target as HTMLTextAreaElement).value)}></textarea>
    </div>
    <button type="submit" disabled=${busy}>${busy ? 'Recording…' : 'Record the score'}</button>
  </form>`;
}

interface PlacementList {
  items: PlacementView[];
}

function ExamCard({ placement, overdue }: { placement: PlacementView; overdue: boolean }) {
  const headingId = `exam-${placement.id}`;
  return html`<section class=${overdue ? 'card attention' : 'card'} aria-labelledby=${headingId}>
    <h3 id=${headingId}><a href=${`#/placements/${encodeURIComponent(placement.id)}`}>${placement.candidate.name}</a> <span class="muted">for ${placement.client.company}</span></h3>
    <p>Exam ${formatInstant(placement.timeline.examAt, agency.timezone)}; result due ${formatInstant(placement.timeline.resultsDueAt, agency.timezone)}${overdue ? html` <strong>(overdue)</strong>` : ''}</p>
    <${ScoreForm} placement=${placement} onRecorded=${() => undefined} />
  </section>`;
}

/** Today's exams and the overdue ones: every placement at its exam, the longest waiting first. */
export function Exams() {
  const list = useResource<PlacementList>('placements?status=EXAM&limit=100');
  const now = new Date();
  const today = calendarDayIn(now, agency.timezone);
  const atExam = [...(list.value?.items ?? [])].sort((left, right) => left.timeline.examAt.localeCompare(right.timeline.examAt));
  const overdue = atExam.filter((placement) => new Date(placement.timeline.resultsDueAt) < now);
  const rest = atExam.filter((placement) => !overdue.includes(placement));
  const todays = rest.filter((placement) => calendarDayIn(new Date(placement.timeline.examAt), agency.timezone) === today);
  const others = rest.filter((placement) => !todays.includes(placement));

  const group = (title: string, placements: PlacementView[], late: boolean, empty: string) => html`<section aria-label=${title}>
    <h2>${title}</h2>
    ${placements.length === 0 ? html`<p class="muted">${empty}</p>` : placements.map((placement) => html`<${ExamCard} key=${placement.id} placement=${placement} overdue=${late} />`)}
  </section>`;

  return html`<section>
    <h1 tabindex="-1">Exams</h1>
    <p>Enter each VE's score out of 100; the pass mark is <strong>${agency.passMark}</strong>.</p>
    <${Failure} failure=${list.failure} />
    ${list.loading && list.value === undefined
      ? html`<${Loading} />`
      : html`${group('Overdue', overdue, true, 'No result is overdue.')} ${group('Today', todays, false, 'No exam today.')}
          ${others.length === 0 ? null : group('Other exams waiting for a score', others, false, '')}`}
  </section>`;
}
