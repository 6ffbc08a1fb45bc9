/** The roles a staff token carries; the manifest says which roles each route allows. */
export const staffRoles = ['admin', 'staff', 'proctor', 'mentor'] as const;
export type StaffRole = (typeof staffRoles)[number];
