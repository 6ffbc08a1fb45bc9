import type { z } from 'zod';
import type { StaffRole } from '../../functions/domain/staff-roles';
import type { issuedStaffTokenSchema, SelectionPlan, staffTokenViewSchema } from '../../functions/http/api-contract';

/** The staff API as the console calls it: same origin, the session cookie, and the header that proves the call is the console's own. */

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  /** Field problems, as "where: what" lines a person can act on. */
  problems: string[];
}

export class ApiError extends Error implements ApiFailure {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** Called when the API answers 401: the session ended (expired, or signed out elsewhere). */
let onSessionEnded: () => void = () => undefined;
export function whenSessionEnds(listener: () => void): void {
  onSessionEnded = listener;
}

function problemsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const where = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return [where === '' ? message : `${where}: ${message}`];
  });
}

async function failureOf(response: Response): Promise<ApiError> {
  const fallback = response.status === 403 ? 'Your role may not do this.' : `The server answered ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown }; message?: string };
    return new ApiError(response.status, body.error?.code ?? 'UNKNOWN', body.error?.message ?? fallback, problemsOf(body.error?.details));
  } catch {
    return new ApiError(response.status, 'UNKNOWN', fallback);
  }
}

/** A call relative to the API's root (the console lives at `<root>/console`). */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, document.baseURI), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-requested-with': 'console',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'The API could not be reached. Check your connection and try again.');
  }
  if (response.status === 401 && path !== 'console/session') onSessionEnded();
  if (!response.ok) throw await failureOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The plan the API would give this selection, computed and not saved: POST /placements takes the same body. */
export const planSelection = (selection: unknown) => api<SelectionPlan>('POST', 'placements/plan', selection);

export const describeFailure = (error: unknown): ApiFailure =>
  error instanceof ApiError
    ? error
    : { status: 0, code: 'UNKNOWN', message: 'Something went wrong in the console. Reload the page and try again.', problems: [] };

// --- Staff tokens (admins only) ---

export type StaffTokenView = z.infer<typeof staffTokenViewSchema>;
export type IssuedStaffToken = z.infer<typeof issuedStaffTokenSchema>;

export const staffTokensPath = 'staff-tokens';
export const issueStaffToken = (name: string, role: StaffRole) => api<IssuedStaffToken>('POST', staffTokensPath, { name, role });
export const revokeStaffToken = (id: string) => api<StaffTokenView>('POST', `${staffTokensPath}/${encodeURIComponent(id)}/revoke`);
