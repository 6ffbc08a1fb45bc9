import { useState } from 'preact/hooks';
import { staffRoles, type StaffRole } from '../../../functions/domain/staff-roles';
import { issueStaffToken, revokeStaffToken, staffTokensPath, type IssuedStaffToken, type StaffTokenView } from '../api';
import { agency, html } from '../context';
import { formatInstant } from '../time';
import { Failure, Loading, Success, useResource, useSubmission } from '../ui';

const roleDescriptions: Record<StaffRole, string> = {
  admin: 'admin: everything, staff tokens included',
  staff: 'staff: selections and placements',
  proctor: 'proctor: exam results',
  mentor: 'mentor: mentor cases',
};

/** The new token, in clear: only the answer that issued it holds it, so leaving the screen loses it. */
function IssuedToken({ issued, onDone }: { issued: IssuedStaffToken; onDone: () => void }) {
  return html`<div class="notice notice-success" role="status" aria-labelledby="issued-heading">
    <h2 id="issued-heading">A ${issued.role} token for ${issued.name}</h2>
    <p><strong>Copy it now: it cannot be shown again.</strong> Only its hash is stored; if it is lost, revoke it and issue another.</p>
    <label for="issued-token">The new token</label>
    <input id="issued-token" type="text" readonly value=${issued.token} onFocus=${(event: Event) => (event.target as HTMLInputElement).select()} />
    <div class="buttons">
      <button type="button" onClick=${onDone}>I have stored it</button>
    </div>
  </div>`;
}

function IssueForm({ onIssued }: { onIssued: (issued: IssuedStaffToken) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const issue = useSubmission<IssuedStaffToken>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const issued = await issue.submit(() => issueStaffToken(name.trim(), role));
    if (issued === undefined) return;
    setName('');
    onIssued(issued);
  };
  return html`<form onSubmit=${submit} aria-labelledby="issue-heading">
    <h2 id="issue-heading">Issue a token</h2>
    <${Failure} failure=${issue.failure} />
    <div class="field">
      <label for="token-name">Who holds it</label>
      <input id="token-name" type="text" required maxlength="200" autocomplete="off" value=${name} onInput=${(event: Event) => setName((event.target as HTMLInputElement).value)} />
    </div>
    <div class="field">
      <label for="token-role">Role</label>
      <select id="token-role" value=${role} onChange=${(event: Event) => setRole((event.target as HTMLSelectElement).value as StaffRole)}>
        ${staffRoles.map((value) => html`<option value=${value}>${roleDescriptions[value]}</option>`)}
      </select>
    </div>
    <div class="buttons">
      <button type="submit" disabled=${issue.busy}>Issue the token</button>
    </div>
  </form>`;
}

/** One token's row; revoking asks first, since its holder is signed out for good. */
function TokenRow({ token, onRevoked }: { token: StaffTokenView; onRevoked: (revoked: StaffTokenView) => void }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useSubmission<StaffTokenView>();
  const confirm = async () => {
    const revoked = await revoke.submit(() => revokeStaffToken(token.id));
    if (revoked === undefined) return;
    setConfirming(false);
    onRevoked(revoked);
  };
  return html`<tr class=${token.revokedAt === undefined ? '' : 'muted'}>
    <td>${token.name}</td>
    <td>${token.role}</td>
    <td><code title=${token.id}>${token.id.slice(0, 12)}</code></td>
    <td>${formatInstant(token.createdAt, agency.timezone)}</td>
    <td>
      ${token.revokedAt !== undefined
        ? `Revoked ${formatInstant(token.revokedAt, agency.timezone)}`
        : confirming
          ? html`<div role="group" aria-label=${`Revoke the token of ${token.name}?`}>
              <p>Revoke the token of ${token.name}? Their requests and console sessions stop working at once.</p>
              <${Failure} failure=${revoke.failure} />
              <button type="button" class="danger" disabled=${revoke.busy} onClick=${confirm}>Yes, revoke it</button>
              ${' '}<button type="button" class="secondary" disabled=${revoke.busy} onClick=${() => setConfirming(false)}>Keep it</button>
            </div>`
          : html`<button type="button" class="secondary" aria-label=${`Revoke the token of ${token.name}`} onClick=${() => setConfirming(true)}>Revoke</button>`}
    </td>
  </tr>`;
}

/** Admins: every staff token by holder and role (never the token), issuing one, and revoking. */
export function Tokens() {
  const list = useResource<{ items: StaffTokenView[] }>(staffTokensPath);
  const [issued, setIssued] = useState<IssuedStaffToken | undefined>(undefined);
  const [revoked, setRevoked] = useState<StaffTokenView | undefined>(undefined);
  const tokens = list.value?.items ?? [];
  return html`<section>
    <h1 tabindex="-1">Staff tokens</h1>
    ${issued === undefined ? null : html`<${IssuedToken} issued=${issued} onDone=${() => setIssued(undefined)} />`}
    ${revoked === undefined ? null : html`<${Success}>The token of ${revoked.name} is revoked.<//>`}
    <${IssueForm}
      onIssued=${(value: IssuedStaffToken) => {
        setRevoked(undefined);
        setIssued(value);
        list.reload();
      }}
    />
    <${Failure} failure=${list.failure} />
    ${list.loading && list.value === undefined
      ? html`<${Loading} />`
      : html`<table>
          <caption>${tokens.length} ${tokens.length === 1 ? 'token' : 'tokens'}, oldest first</caption>
          <thead>
            <tr><th scope="col">Holder</th><th scope="col">Role</th><th scope="col">Id</th><th scope="col">Issued</th><th scope="col">Revoked</th></tr>
          </thead>
          <tbody>
            ${tokens.length === 0
              ? html`<tr><td colspan="5" class="muted">No staff tokens.</td></tr>`
              : tokens.map(
                  (token) =>
                    html`<${TokenRow}
                      key=${`${token.id}-${token.revokedAt ?? ''}`}
                      token=${token}
                      onRevoked=${(value: StaffTokenView) => {
                        setIssued(undefined);
                        setRevoked(value);
                        list.reload();
                      }}
                    />`,
                )}
          </tbody>
        </table>`}
  </section>`;
}
