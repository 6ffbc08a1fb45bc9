import type { PlacementView } from '../../functions/http/api-contract';
import { agency, html } from './context';
import { formatInstant } from './time';

/** What a plan is drawn from: a recorded placement, or a selection not saved yet with the plan the API computed. */
export type Planned = Pick<PlacementView, 'interviewAt' | 'timeline'> & { client: Pick<PlacementView['client'], 'timezone'> };

/** The moments of a placement's plan, each in the agency's and the client's time. */
export function PlanTable({ placement, caption }: { placement: Planned; caption: string }) {
  const { timeline } = placement;
  const clientZone = placement.client.timezone;
  const sessionNames = ['Monday session', 'Tuesday session', 'Wednesday session', 'Thursday session'];
  const rows: [string, string | undefined][] = [
    ['Interview', placement.interviewAt],
    ['Contract and reserve links to the client', timeline.linksAt],
    ['Certification week starts (paperwork cutoff)', timeline.weekStartsAt],
    ...timeline.sessionsAt.slice(1).map((at, index): [string, string] => [sessionNames[index + 1] ?? 'Session', at]),
    ['Exam', timeline.examAt],
    ['Exam result due', timeline.resultsDueAt],
    ['VE starts with the client', timeline.startsAt],
  ];
  return html`<table class="plan">
    <caption>${caption}</caption>
    <thead>
      <tr><th scope="col">When</th><th scope="col">Agency time (${agency.timezone})</th><th scope="col">Client time (${clientZone})</th></tr>
    </thead>
    <tbody>
      ${rows.map(([label, at]) => html`<tr><th scope="row">${label}</th><td>${formatInstant(at, agency.timezone)}</td><td>${formatInstant(at, clientZone)}</td></tr>`)}
    </tbody>
  </table>
  ${timeline.rescheduledFrom === undefined ? null : html`<p class="muted">Moved from the week of ${timeline.rescheduledFrom}: the paperwork came after the cutoff.</p>`}
  ${(timeline.weeksSkippedForHolidays ?? []).map((skip) => html`<p class="muted">Week of ${skip.week} skipped: ${skip.holiday} (${skip.day}).</p>`)}`;
}
