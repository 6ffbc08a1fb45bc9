import { h } from 'preact';
import htm from 'htm';
import type { StaffRole } from '../../functions/domain/staff-roles';

export const html = htm.bind(h);

/** What the shell page says of the agency (data attributes: no inline script under the policy). */
const data = document.body.dataset;
export const agency = {
  name: data.agencyName ?? 'The agency',
  shortName: data.agencyShortName ?? data.agencyName ?? 'Agency',
  timezone: data.agencyTimezone ?? 'America/Chicago',
  passMark: Number(data.passMark ?? '80'),
  logoUrl: data.logoUrl ?? 'assets/logo.svg',
  brandColour: data.brandColour ?? '#1f5f8b',
};

/** Who is signed in, as `GET /console/session` answers. */
export interface Session {
  name: string;
  role: StaffRole;
  expiresAt: string;
}

export type Screen = 'board' | 'new' | 'exams' | 'cases' | 'tokens';

/** The screens each role works in, the first being where they land after signing in. */
export const screensOf: Record<StaffRole, Screen[]> = {
  admin: ['board', 'new', 'exams', 'cases', 'tokens'],
  staff: ['board', 'new', 'cases'],
  proctor: ['exams', 'board'],
  mentor: ['cases', 'board'],
};

export const screenTitles: Record<Screen, string> = {
  board: 'Cohort board',
  new: 'Record a selection',
  exams: 'Exams',
  cases: 'Mentor cases',
  tokens: 'Staff tokens',
};

export const mayActOnPlacements = (role: StaffRole) => role === 'admin' || role === 'staff';
export const mayRecordScores = (role: StaffRole) => role === 'admin' || role === 'proctor';
