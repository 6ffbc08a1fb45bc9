import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeFailure, type ApiFailure } from './api';
import { html } from './context';

/** An API failure, in words, with the fields to fix; announced to screen readers. */
export function Failure({ failure }: { failure: ApiFailure | undefined }) {
  if (failure === undefined) return null;
  return html`<div class="notice notice-error" role="alert">
    <p>${failure.message}</p>
    ${failure.problems.length > 0 ? html`<ul>${failure.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : null}
  </div>`;
}

export function Success({ children }: { children: ComponentChildren }) {
  return html`<div class="notice notice-success" role="status">${children}</div>`;
}

export interface Loaded<T> {
  value: T | undefined;
  failure: ApiFailure | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs a path whenever it changes (or on reload). */
export function useResource<T>(path: string | undefined): Loaded<T> {
  const [state, setState] = useState<{ value: T | undefined; failure: ApiFailure | undefined; loading: boolean }>({ value: undefined, failure: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    api<T>('GET', path).then(
      (value) => current && setState({ value, failure: undefined, loading: false }),
      (error: unknown) => current && setState({ value: undefined, failure: describeFailure(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}

/** One form's sending: busy while it waits, its failure kept for the form to show. */
export function useSubmission<T>() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const [result, setResult] = useState<T | undefined>(undefined);
  const submit = useCallback(async (send: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setFailure(undefined);
    try {
      const value = await send();
      setResult(value);
      return value;
    } catch (error) {
      setFailure(describeFailure(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, result, submit };
}

export function Loading() {
  return html`<p class="muted" role="status">Loading…</p>`;
}

export const statusLabels: Record<string, string> = {
  SELECTED: 'Selected',
  AWAITING_ONBOARDING: 'Awaiting paperwork',
  READY: 'Ready for the week',
  IN_CERTIFICATION: 'In certification',
  EXAM: 'At the exam',
  CERTIFIED: 'Certified',
  ACTIVE: 'Active',
  NOT_CERTIFIED: 'Not certified',
  CANCELLED: 'Cancelled',
};

export function StatusBadge({ status }: { status: string }) {
  return html`<span class=${`badge badge-${status.toLowerCase()}`}>${statusLabels[status] ?? status}</span>`;
}
