/** Validating a request body against its zod schema, with errors that name the path. */
import type * as z from 'zod/mini';
import '../core/zod-locale.js';
import { ValidationError } from '../core/errors.js';

export function parseInput<T extends z.ZodMiniType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), message: issue.message }));
  throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
