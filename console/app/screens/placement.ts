import { useState } from 'preact/hooks';
import type { PlacementView } from '../../../functions/http/api-contract';
import { api } from '../api';
import { agency, html, mayActOnPlacements, mayRecordScores, type Session } from '../context';
import { PlanTable } from '../plan';
import { formatDay, formatInstant } from '../time';
import { Failure, Loading, StatusBadge, Success, useResource, useSubmission } from '../ui';
import { ScoreForm } from './exams';

type HistoryEntry = NonNullable<PlacementView['history']>[number];
interface HistoryPage {
  items: HistoryEntry[];
  nextToken?: string;
}

const whoDid = (by: HistoryEntry['by']) => (by.kind === 'staff' ? by.name : by.kind === 'provider' ? (by.provider === 'docusign' ? 'DocuSign' : 'Billing') : 'The system');
const words = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const detailsOf = (entry: HistoryEntry) =>
  Object.entries(entry.details ?? {})
    .map(([key, value]) => `${key.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${String(value)}`)
    .join(' · ');

function contractState(contract: PlacementView['contract']): string {
  if (contract === undefined) return 'Not sent yet';
  const sent = formatInstant(contract.sentAt, agency.timezone);
  if (contract.status === 'SENT') return `Sent ${sent}; not signed yet`;
  if (contract.status === 'SIGNED') return `Signed ${formatInstant(contract.signedAt, agency.timezone)} (sent ${sent})`;
  return `${words(contract.status)} (sent ${sent})`;
}

function reserveState(reserve: PlacementView['reserve']): string {
  if (reserve === undefined) return 'Not requested yet';
  const carried = reserve.carriedOverFrom === undefined ? '' : ', carried over from an earlier placement';
  if (reserve.status === 'FUNDED') return `Funded ${formatInstant(reserve.fundedAt, agency.timezone)}${carried}`;
  return `${words(reserve.status)}${carried}`;
}

function History({ placement }: { placement: PlacementView }) {
  const [entries, setEntries] = useState<HistoryEntry[]>(placement.history ?? []);
  const [nextToken, setNextToken] = useState(placement.historyNextToken);
  const more = useSubmission<HistoryPage>();
  const showMore = async () => {
    const page = await more.submit(() => api<HistoryPage>('GET', `placements/${encodeURIComponent(placement.id)}/history?limit=100&nextToken=${encodeURIComponent(nextToken ?? '')}`));
    if (page === undefined) return;
    setEntries([...entries, ...page.items]);
    setNextToken(page.nextToken);
  };
  return html`<section aria-labelledby="history">
    <h2 id="history">History and emails sent</h2>
    <table class="history">
      <thead><tr><th scope="col">When (agency time)</th><th scope="col">What</th><th scope="col">By</th><th scope="col">Details</th></tr></thead>
      <tbody>
        ${entries.map(
          (entry) => html`<tr>
            <td>${formatInstant(entry.at, agency.timezone)}</td>
            <td>${words(entry.what)}${entry.toStatus === undefined || entry.toStatus === entry.what ? '' : ` → ${words(entry.toStatus)}`}</td>
            <td>${whoDid(entry.by)}</td>
            <td class="details">${detailsOf(entry)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <${Failure} failure=${more.failure} />
    ${nextToken === undefined ? null : html`<button type="button" class="secondary" disabled=${more.busy} onClick=${showMore}>Show more history</button>`}
  </section>`;
}

function Actions({ placement, session, onChanged }: { placement: PlacementView; session: Session; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const action = useSubmission<PlacementView>();
  const [done, setDone] = useState<string | undefined>(undefined);
  const closed = ['CANCELLED', 'NOT_CERTIFIED', 'ACTIVE'].includes(placement.status);
  const path = (verb: string) => `placements/${encodeURIComponent(placement.id)}/${verb}`;
  const run = async (verb: string, message: string, body?: unknown) => {
    setDone(undefined);
    if ((await action.submit(() => api<PlacementView>('POST', path(verb), body))) !== undefined) {
      setDone(message);
      onChanged();
    }
  };
  const cancel = async (event: Event) => {
    event.preventDefault();
    await run('cancel', 'The placement is cancelled; nothing more goes to the client.', { reason: reason.trim() });
    setReason('');
  };
  const mayAct = mayActOnPlacements(session.role);
  const mayResume = session.role === 'admin' && placement.needsAttention !== undefined;
  if (!mayAct && !mayResume) return null;
  return html`<section aria-labelledby="actions" class="card">
    <h2 id="actions">Actions</h2>
    ${done === undefined ? null : html`<${Success}><p>${done}</p><//>`}
    <${Failure} failure=${action.failure} />
    <div class="buttons">
      ${mayAct && placement.status === 'AWAITING_ONBOARDING'
        ? html`<button type="button" disabled=${action.busy} onClick=${() => run('resend-links', 'The contract and reserve links went to the client again.')}>Resend the links</button>`
        : null}
      ${mayResume ? html`<button type="button" disabled=${action.busy} onClick=${() => run('resume', 'The flag is cleared and the lifecycle resumed.')}>Resume the lifecycle</button>` : null}
    </div>
    ${mayAct && !closed
      ? html`<form onSubmit=${cancel} class="cancel">
          <label for="cancel-reason">Reason for cancelling</label>
          <textarea id="cancel-reason" rows="2" required maxlength="500" value=${reason} onInput=${(event: Event) => setReason((event.target as HTMLTextAreaElement).value)}></textarea>
          <button type="submit" class="danger" disabled=${action.busy}>Cancel the placement</button>
        </form>`
      : null}
  </section>`;
}

type Corrections = { clientName: string; clientEmail: string; company: string; candidateName: string; candidateEmail: string; candidatePhone: string; reason: string };

/** Staff correct a misspelt name or a wrong address before the certificate; only what changed is sent. */
function CorrectDetails({ placement, onChanged }: { placement: PlacementView; onChanged: () => void }) {
  const original: Corrections = {
    clientName: placement.client.name,
    clientEmail: placement.client.email,
    company: placement.client.company,
    candidateName: placement.candidate.name,
    candidateEmail: placement.candidate.email,
    candidatePhone: placement.candidate.phone,
    reason: '',
  };
  const [fields, setFields] = useState(original);
  const correction = useSubmission<PlacementView>();
  const changed = (name: keyof Corrections) => (fields[name].trim() !== original[name] ? fields[name].trim() : undefined);
  const save = async (event: Event) => {
    event.preventDefault();
    const client = { name: changed('clientName'), email: changed('clientEmail'), company: changed('company') };
    const candidate = { name: changed('candidateName'), email: changed('candidateEmail'), phone: changed('candidatePhone') };
    const defined = (values: Record<string, string | undefined>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    const body = {
      ...(Object.keys(defined(client)).length > 0 ? { client: defined(client) } : {}),
      ...(Object.keys(defined(candidate)).length > 0 ? { candidate: defined(candidate) } : {}),
      ...(fields.reason.trim() === '' ? {} : { reason: fields.reason.trim() }),
    };
    if ((await correction.submit(() => api<PlacementView>('PATCH', `placements/${encodeURIComponent(placement.id)}`, body))) !== undefined) onChanged();
  };
  const field = (name: keyof Corrections, label: string, type = 'text') =>
    html`<div class="field">
      <label for=${`correct-${name}`}>${label}</label>
      <input id=${`correct-${name}`} type=${type} required=${name !== 'reason'} value=${fields[name]} onInput=${(event: Event) => setFields({ ...fields, [name]: (event.target as HTMLInputElement).value })} />
    </div>`;
  return html`<details class="card">
    <summary>Correct the client's or the VE's details</summary>
    <form onSubmit=${save} class="grid-form">
      <${Failure} failure=${correction.failure} />
      ${field('clientName', 'Client contact name')} ${field('clientEmail', 'Client email', 'email')} ${field('company', 'Company')}
      ${field('candidateName', 'VE name')} ${field('candidateEmail', 'VE email', 'email')} ${field('candidatePhone', 'VE phone', 'tel')}
      ${field('reason', 'Why (for the history, optional)')}
      <button type="submit" disabled=${correction.busy}>Save the corrections</button>
    </form>
  </details>`;
}

function Relationship({ placement, session, onChanged }: { placement: PlacementView; session: Session; onChanged: () => void }) {
  const relationship = placement.relationship;
  const [phase, setPhase] = useState(relationship?.phase ?? 'I');
  const move = useSubmission<PlacementView>();
  if (relationship === undefined) return null;
  const mayMove = session.role !== 'proctor';
  const save = async (event: Event) => {
    event.preventDefault();
    if ((await move.submit(() => api<PlacementView>('POST', `placements/${encodeURIComponent(placement.id)}/phase`, { phase }))) !== undefined) onChanged();
  };
  return html`<section aria-labelledby="relationship" class="card">
    <h2 id="relationship">Relationship</h2>
    <p>Phase <strong>${relationship.phase}</strong> since ${formatInstant(relationship.since, agency.timezone)}, moved by ${relationship.movedBy}.
      ${relationship.suggestedPhase === undefined ? '' : ` The reviews suggest phase ${relationship.suggestedPhase.phase}.`}</p>
    <p>Check-ins sent: ${relationship.checkInsSent}${relationship.nextCheckIn === undefined ? '' : `; the next on ${formatInstant(relationship.nextCheckIn.dueAt, placement.client.timezone)} (client time)`}.</p>
    ${relationship.reviews.length === 0
      ? html`<p class="muted">No reviews yet.</p>`
      : html`<table>
          <caption>Reviews</caption>
          <thead><tr><th scope="col">Check-in</th><th scope="col">Answer</th><th scope="col">When</th><th scope="col">Comment</th></tr></thead>
          <tbody>${relationship.reviews.map((review) => html`<tr><td>${review.checkIn}</td><td>${review.answer}</td><td>${formatInstant(review.at, agency.timezone)}</td><td>${review.comment ?? ''}</td></tr>`)}</tbody>
        </table>`}
    ${mayMove
      ? html`<form onSubmit=${save} class="inline-form">
          <label for="phase">Move to phase</label>
          <select id="phase" value=${phase} onChange=${(event: Event) => setPhase((event.target as HTMLSelectElement).value as typeof phase)}>
            <option value="I">I: clerical, reactive</option><option value="II">II: administrative</option><option value="III">III: personal executive assistant</option>
          </select>
          <button type="submit" disabled=${move.busy}>Move</button>
          <${Failure} failure=${move.failure} />
        </form>`
      : null}
  </section>`;
}

export function PlacementPage({ id, session }: { id: string; session: Session }) {
  const loaded = useResource<PlacementView>(`placements/${encodeURIComponent(id)}`);
  const placement = loaded.value;
  if (placement === undefined) return loaded.loading ? html`<${Loading} />` : html`<h1 tabindex="-1">Placement</h1><${Failure} failure=${loaded.failure} />`;
  const { contract, reserve, exam, certificate } = placement;
  return html`<article>
    <p><a href="#/board">← Cohort board</a></p>
    <div class="title-row">
      <h1 tabindex="-1">${placement.candidate.name} <span class="muted">for ${placement.client.company}</span></h1>
      <${StatusBadge} status=${placement.status} />
    </div>
    ${placement.needsAttention === undefined
      ? null
      : html`<div class="notice notice-attention" role="note"><p><strong>Needs attention:</strong> ${placement.needsAttention.reason}</p><p class="muted">Since ${formatInstant(placement.needsAttention.since, agency.timezone)}</p></div>`}
    ${placement.cancellation === undefined ? null : html`<div class="notice" role="note"><p><strong>Cancelled</strong> ${formatInstant(placement.cancellation.cancelledAt, agency.timezone)}: ${placement.cancellation.reason}</p></div>`}
    <div class="columns">
      <section aria-labelledby="people" class="card">
        <h2 id="people">People</h2>
        <dl>
          <dt>Client</dt><dd>${placement.client.name}, ${placement.client.company}<br />${placement.client.email} · ${placement.client.timezone}</dd>
          <dt>VE</dt><dd>${placement.candidate.name}<br />${placement.candidate.email} · ${placement.candidate.phone}</dd>
        </dl>
      </section>
      <section aria-labelledby="paperwork" class="card">
        <h2 id="paperwork">Contract and reserve</h2>
        <dl>
          <dt>Contract</dt><dd>${contractState(contract)}</dd>
          <dt>Reserve</dt><dd>${reserveState(reserve)}</dd>
          <dt>Exam</dt><dd>${exam === undefined ? `On ${formatInstant(placement.timeline.examAt, agency.timezone)}` : `${exam.score}/100 (pass mark ${exam.passMark}): ${exam.passed ? 'passed' : 'not passed'}`}</dd>
          <dt>Certificate</dt><dd>${certificate === undefined ? '—' : html`<a href=${`certificates/${encodeURIComponent(certificate.id)}`}>${certificate.id}</a>, issued ${formatDay(certificate.issuedAt.slice(0, 10))}${certificate.revokedAt === undefined ? '' : `; revoked ${formatDay(certificate.revokedAt.slice(0, 10))}`}`}</dd>
        </dl>
      </section>
    </div>
    ${placement.status === 'EXAM' && mayRecordScores(session.role) ? html`<section aria-labelledby="score" class="card"><h2 id="score">Exam score</h2><${ScoreForm} placement=${placement} onRecorded=${loaded.reload} /></section>` : null}
    <${Actions} placement=${placement} session=${session} onChanged=${loaded.reload} />
    ${mayActOnPlacements(session.role) && placement.certificate === undefined && !['CANCELLED', 'NOT_CERTIFIED'].includes(placement.status)
      ? html`<${CorrectDetails} key=${placement.updatedAt} placement=${placement} onChanged=${loaded.reload} />`
      : null}
    <${Relationship} placement=${placement} session=${session} onChanged=${loaded.reload} />
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      <${PlanTable} placement=${placement} caption="Every moment of the plan, in agency and client time" />
    </section>
    <${History} key=${placement.updatedAt} placement=${placement} />
  </article>`;
}
