import type { z } from 'zod';

/** Reads this function's env once, at load: a missing or bad variable stops the cold start with its name. */
export function readEnvironment<T extends z.ZodObject>(schema: T, env: Record<string, string | undefined> = process.env): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid function environment: ${fields}`);
  }
  return parsed.data;
}
