import { useMemo, useRef, useState } from 'preact/hooks';
import type { CreatePlacementRequest } from '../../../functions/domain/schemas';
import type { PlacementView, SelectionPlan } from '../../../functions/http/api-contract';
import { api, planSelection } from '../api';
import { html } from '../context';
import { PlanTable } from '../plan';
import { instantOfWallTime, timezones } from '../time';
import { Failure, Success, useSubmission } from '../ui';

interface Fields {
  clientName: string;
  clientEmail: string;
  company: string;
  timezone: string;
  candidateName: string;
  candidateEmail: string;
  candidatePhone: string;
  interviewAt: string;
}

const empty: Fields = {
  clientName: '',
  clientEmail: '',
  company: '',
  timezone: 'America/New_York',
  candidateName: '',
  candidateEmail: '',
  candidatePhone: '',
  interviewAt: '',
};

function selectionOf(fields: Fields): CreatePlacementRequest {
  return {
    client: { name: fields.clientName.trim(), email: fields.clientEmail.trim(), company: fields.company.trim(), timezone: fields.timezone },
    candidate: { name: fields.candidateName.trim(), email: fields.candidateEmail.trim(), phone: fields.candidatePhone.trim() },
    interviewAt: instantOfWallTime(fields.interviewAt, fields.timezone).toISOString(),
  };
}

/**
 * Staff fill in the client's choice and see the plan the API computes for it, saving nothing; then
 * record it. Changing a field takes the plan away, so what is saved is always what was shown.
 */
export function NewSelection() {
  const [fields, setFields] = useState<Fields>(empty);
  const [planned, setPlanned] = useState<{ selection: CreatePlacementRequest; plan: SelectionPlan } | undefined>(undefined);
  const planning = useSubmission<SelectionPlan>();
  const zones = useMemo(timezones, []);
  // One key per filled-in form: a double click or a retry records one placement.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { busy, failure, result, submit } = useSubmission<PlacementView>();
  const [formShown, setFormShown] = useState(true);

  const field = (name: keyof Fields, label: string, type = 'text', autocomplete = 'off') =>
    html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} required autocomplete=${autocomplete} value=${fields[name]}
        onInput=${(event: Event) => change({ ...fields, [name]: (event.target as HTMLInputElement).value })} />
    </div>`;

  const change = (changed: Fields) => {
    setFields(changed);
    setPlanned(undefined);
  };

  const showPlan = async (event: Event) => {
    event.preventDefault();
    const selection = selectionOf(fields);
    const plan = await planning.submit(() => planSelection(selection));
    if (plan !== undefined) setPlanned({ selection, plan });
  };

  const record = async () => {
    if (planned === undefined) return;
    const recorded = await submit(() => api<PlacementView>('POST', 'placements', planned.selection, { 'idempotency-key': idempotencyKey.current }));
    if (recorded !== undefined) {
      idempotencyKey.current = crypto.randomUUID();
      setFields(empty);
      setPlanned(undefined);
      setFormShown(false);
    }
  };

  return html`<section>
    <h1 tabindex="-1">Record a selection</h1>
    ${result === undefined || formShown
      ? null
      : html`<${Success}>
            <p>Recorded: <a href=${`#/placements/${encodeURIComponent(result.id)}`}>${result.candidate.name} for ${result.client.company}</a>. The client gets the contract and reserve links as planned below.</p>
          <//>
          <${PlanTable} placement=${result} caption="The plan" />
          <button type="button" onClick=${() => setFormShown(true)}>Record another selection</button>`}
    ${formShown ? html`<form onSubmit=${showPlan} class="grid-form">
      <fieldset>
        <legend>The client</legend>
        ${field('clientName', 'Contact name')} ${field('clientEmail', 'Email', 'email')} ${field('company', 'Company')}
        <div class="field">
          <label for="timezone">Timezone</label>
          <select id="timezone" name="timezone" required value=${fields.timezone} onChange=${(event: Event) => change({ ...fields, timezone: (event.target as HTMLSelectElement).value })}>
            ${zones.map((zone) => html`<option value=${zone}>${zone.replace(/_/g, ' ')}</option>`)}
          </select>
        </div>
      </fieldset>
      <fieldset>
        <legend>The VE</legend>
        ${field('candidateName', 'Name')} ${field('candidateEmail', 'Email', 'email')} ${field('candidatePhone', 'Phone', 'tel')}
      </fieldset>
      <fieldset>
        <legend>The interview</legend>
        ${field('interviewAt', "Date and time, in the client's timezone", 'datetime-local')}
      </fieldset>
      <button type="submit" disabled=${planning.busy || busy}>${planning.busy ? 'Planning…' : 'Show the plan'}</button>
    </form>` : null}
    <${Failure} failure=${planning.failure} />
    ${formShown && planned !== undefined
      ? html`<section aria-labelledby="plan-heading">
          <h2 id="plan-heading">Before saving</h2>
          <p>Nothing is saved yet. This is the plan the selection gets if recorded now.</p>
          <${PlanTable} placement=${{ ...planned.selection, timeline: planned.plan.timeline }} caption="The plan, not saved yet" />
          <button type="button" onClick=${record} disabled=${busy}>${busy ? 'Recording…' : 'Record the selection'}</button>
        </section>`
      : null}
    <${Failure} failure=${failure} />
  </section>`;
}
