import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, whenSessionEnds } from './api';
import { agency, html, screensOf, screenTitles, type Screen, type Session } from './context';
import { Board } from './screens/board';
import { Cases } from './screens/cases';
import { Exams } from './screens/exams';
import { NewSelection } from './screens/new-selection';
import { PlacementPage } from './screens/placement';
import { SignIn } from './screens/sign-in';
import { Tokens } from './screens/tokens';
import { Loading } from './ui';

/** Routes live in the hash (`#/placements/<id>`): the API serves one page, and every deep link still opens it. */
function useRoute(): string {
  const [route, setRoute] = useState(location.hash.replace(/^#/, ''));
  useEffect(() => {
    const changed = () => setRoute(location.hash.replace(/^#/, ''));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function Header({ session, onSignOut }: { session: Session | undefined; onSignOut: () => void }) {
  return html`<header class="top">
    <a class="skip" href="#main">Skip to the content</a>
    <div class="brand">
      <img src=${agency.logoUrl} alt=${agency.name} height="36" />
      <span>Staff console</span>
    </div>
    ${session === undefined
      ? null
      : html`<nav aria-label="Screens">
            <ul>
              ${screensOf[session.role].map((screen) => html`<li><a href=${`#/${screen}`}>${screenTitles[screen]}</a></li>`)}
            </ul>
          </nav>
          <div class="who">
            <span>${session.name} · ${session.role}</span>
            <button type="button" class="secondary" onClick=${onSignOut}>Sign out</button>
          </div>`}
  </header>`;
}

function Content({ session, route }: { session: Session; route: string }) {
  const placement = /^\/placements\/([^/?]+)/.exec(route);
  if (placement?.[1] !== undefined) return html`<${PlacementPage} id=${decodeURIComponent(placement[1])} session=${session} />`;
  const allowed = screensOf[session.role];
  const asked = route.replace(/^\//, '').split('?')[0] as Screen;
  const screen: Screen = allowed.includes(asked) ? asked : (allowed[0] ?? 'board');
  switch (screen) {
    case 'board':
      return html`<${Board} session=${session} />`;
    case 'new':
      return html`<${NewSelection} />`;
    case 'exams':
      return html`<${Exams} />`;
    case 'cases':
      return html`<${Cases} />`;
    case 'tokens':
      return html`<${Tokens} />`;
  }
}

function App() {
  const [session, setSession] = useState<Session | undefined | 'unknown'>('unknown');
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    whenSessionEnds(() => setSession(undefined));
    api<Session>('GET', 'console/session').then(setSession, () => setSession(undefined));
  }, []);

  // A new screen: tell screen-reader users where they are, as a page load would.
  useEffect(() => {
    main.current?.querySelector('h1')?.focus();
  }, [route, session === undefined]);

  const signOut = async () => {
    try {
      await api('DELETE', 'console/session');
    } finally {
      setSession(undefined);
      location.hash = '';
    }
  };

  return html`<${Header} session=${session === 'unknown' ? undefined : session} onSignOut=${signOut} />
    <main id="main" ref=${main}>
      ${session === 'unknown' ? html`<${Loading} />` : session === undefined ? html`<${SignIn} onSignedIn=${setSession} />` : html`<${Content} session=${session} route=${route} />`}
    </main>`;
}

document.documentElement.style.setProperty('--brand', agency.brandColour);
const root = document.getElementById('app');
if (root !== null) render(html`<${App} />`, root);
