import { useMemo, useRef, useState } from 'preact/hooks';
import type { PlacementView } from '../../../functions/http/api-contract';
import { api } from '../api';
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

/** Staff record the client's choice; the API answers with the plan it computed, shown at once. */
export function NewSelection() {
  const [fields, setFields] = useState<Fields>(empty);
  const zones = useMemo(timezones, []);
  // One key per filled-in form: a double click or a retry records one placement.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { busy, failure, result, submit } = useSubmission<PlacementView>();
  const [formShown, setFormShown] = useState(true);

  const field = (name: keyof Fields, label: string, type = 'text', autocomplete = 'off') =>
    html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} required autocomplete=${autocomplete} value=${fields[name]}
        onInput=${(event: Event) => setFields({ ...fields, [name]: (event.target as HTMLInputElement).value })} />
    </div>`;

  const record = async (event: Event) => {
    event.preventDefault();
    const recorded = await submit(() =>
      api<PlacementView>(
        'POST',
        'placements',
        {
          client: { name: fields.clientName.trim(), email: fields.clientEmail.trim(), company: fields.company.trim(), timezone: fields.timezone },
          candidate: { name: fields.candidateName.trim(), email: fields.candidateEmail.trim(), phone: fields.candidatePhone.trim() },
          interviewAt: instantOfWallTime(fields.interviewAt, fields.timezone).toISOString(),
        },
        { 'idempotency-key': idempotencyKey.current },
      ),
    );
    if (recorded !== undefined) {
      idempotencyKey.current = crypto.randomUUID();
      setFields(empty);
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
    <${Failure} failure=${failure} />
    ${formShown ? html`<form onSubmit=${record} class="grid-form">
      <fieldset>
        <legend>The client</legend>
        ${field('clientName', 'Contact name')} ${field('clientEmail', 'Email', 'email')} ${field('company', 'Company')}
        <div class="field">
          <label for="timezone">Timezone</label>
          <select id="timezone" name="timezone" required value=${fields.timezone} onChange=${(event: Event) => setFields({ ...fields, timezone: (event.target as HTMLSelectElement).value })}>
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
      <button type="submit" disabled=${busy}>${busy ? 'Recording…' : 'Record the selection'}</button>
    </form>` : null}
  </section>`;
}
