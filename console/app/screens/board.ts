import { useState } from 'preact/hooks';
import type { PlacementView } from '../../../functions/http/api-contract';
import { agency, html, mayActOnPlacements, type Session } from '../context';
import { calendarDayIn, formatDay, formatInstant, mondayOf } from '../time';
import { Failure, Loading, StatusBadge, statusLabels, useResource } from '../ui';

type View = 'this' | 'next' | 'status';

interface PlacementList {
  items: PlacementView[];
  nextToken?: string;
}

/** Needs attention first (longest waiting first), then by when the week starts. */
function byUrgency(left: PlacementView, right: PlacementView): number {
  if ((left.needsAttention === undefined) !== (right.needsAttention === undefined)) return left.needsAttention === undefined ? 1 : -1;
  if (left.needsAttention !== undefined && right.needsAttention !== undefined) return left.needsAttention.since.localeCompare(right.needsAttention.since);
  return left.timeline.weekStartsAt.localeCompare(right.timeline.weekStartsAt);
}

export function Board({ session }: { session: Session }) {
  const [view, setView] = useState<View>('this');
  const [status, setStatus] = useState('AWAITING_ONBOARDING');
  const thisMonday = mondayOf(calendarDayIn(new Date(), agency.timezone));
  const week = view === 'next' ? mondayOf(thisMonday, 1) : thisMonday;
  const query = view === 'status' ? `status=${status}` : `week=${week}`;
  const list = useResource<PlacementList>(`placements?${query}&limit=100`);
  const placements = [...(list.value?.items ?? [])].sort(byUrgency);
  const caption = view === 'status' ? `Placements ${statusLabels[status]?.toLowerCase() ?? status}` : `Certification week of ${formatDay(week)}`;

  const choice = (value: View, label: string) =>
    html`<button type="button" class=${view === value ? 'tab active' : 'tab'} aria-pressed=${view === value} onClick=${() => setView(value)}>${label}</button>`;

  return html`<section>
    <div class="title-row">
      <h1 tabindex="-1">Cohort board</h1>
      ${mayActOnPlacements(session.role) ? html`<a class="button" href="#/new">Record a selection</a>` : null}
    </div>
    <div class="toolbar">
      <div class="tabs" role="group" aria-label="Which placements">
        ${choice('this', 'This week')} ${choice('next', 'Next week')} ${choice('status', 'By status')}
      </div>
      ${view === 'status'
        ? html`<label class="inline">Status
            <select value=${status} onChange=${(event: Event) => setStatus((event.target as HTMLSelectElement).value)}>
              ${Object.entries(statusLabels).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
            </select>
          </label>`
        : null}
    </div>
    <${Failure} failure=${list.failure} />
    ${list.loading && list.value === undefined
      ? html`<${Loading} />`
      : html`<table class="board">
          <caption>${caption} · ${placements.length} ${placements.length === 1 ? 'placement' : 'placements'}${list.value?.nextToken === undefined ? '' : ' (first 100)'}</caption>
          <thead>
            <tr><th scope="col">VE</th><th scope="col">Client</th><th scope="col">Status</th><th scope="col">Week starts</th><th scope="col">Needs attention</th></tr>
          </thead>
          <tbody>
            ${placements.length === 0
              ? html`<tr><td colspan="5" class="muted">No placements here.</td></tr>`
              : placements.map(
                  (placement) => html`<tr class=${placement.needsAttention === undefined ? '' : 'attention'}>
                    <td><a href=${`#/placements/${encodeURIComponent(placement.id)}`}>${placement.candidate.name}</a></td>
                    <td>${placement.client.company}<br /><span class="muted">${placement.client.name}</span></td>
                    <td><${StatusBadge} status=${placement.status} /></td>
                    <td>${formatInstant(placement.timeline.weekStartsAt, agency.timezone)}</td>
                    <td>${placement.needsAttention === undefined ? html`<span class="muted">—</span>` : html`<strong>${placement.needsAttention.reason}</strong><br /><span class="muted">since ${formatInstant(placement.needsAttention.since, agency.timezone)}</span>`}</td>
                  </tr>`,
                )}
          </tbody>
        </table>`}
  </section>`;
}
