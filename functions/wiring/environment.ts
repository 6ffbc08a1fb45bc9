import * as z from 'zod/mini';

/**
 * Reads this function's env once, at load: a missing or bad variable stops the cold start with its name.
 * The schema may be classic zod or zod/mini (the authorizer's wiring has only the latter).
 */
export function readEnvironment<T extends z.core.$ZodObject>(schema: T, env: Record<string, string | undefined> = process.env): z.infer<T> {
  const parsed = z.safeParse(schema, env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid function environment: ${fields}`);
  }
  return parsed.data;
}
