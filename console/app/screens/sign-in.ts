import { useState } from 'preact/hooks';
import { api } from '../api';
import { agency, html, type Session } from '../context';
import { Failure, useSubmission } from '../ui';

/** The staff token is exchanged for a session cookie at once and kept nowhere in the browser. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const { busy, failure, submit } = useSubmission<Session>();

  const signIn = async (event: Event) => {
    event.preventDefault();
    const session = await submit(() => api<Session>('POST', 'console/session', { token: token.trim() }));
    setToken('');
    if (session !== undefined) onSignedIn(session);
  };

  return html`<section class="narrow">
    <h1 tabindex="-1">Sign in to the ${agency.shortName} console</h1>
    <p>Use the staff token you were given. It is exchanged for a session that lasts a working day; the token itself is not kept by this browser.</p>
    <${Failure} failure=${failure?.status === 401 ? { ...failure, message: 'That token was not accepted: it may be mistyped or revoked.' } : failure} />
    <form onSubmit=${signIn}>
      <label for="token">Staff token</label>
      <input id="token" name="token" type="password" autocomplete="off" required value=${token} onInput=${(event: Event) => setToken((event.target as HTMLInputElement).value)} />
      <button type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  </section>`;
}
