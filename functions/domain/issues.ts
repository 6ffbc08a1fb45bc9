import type * as z from 'zod/mini';

/** Turns a zod failure (classic or mini) into the `details` of an InvalidInput: one line per field. */
export function describeIssues(error: z.core.$ZodError): { field: string; problem: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(root)', problem: issue.message }));
}
