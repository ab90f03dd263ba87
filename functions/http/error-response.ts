/**
 * The one place where errors become HTTP responses. Domain errors (AppError) carry their status
 * and a message that tells the caller what to fix; anything else is a 500 whose message is never
 * exposed (it goes to the log with its stack).
 */
import { AppError, AuthenticationError } from '../core/errors.js';
import { json, type HttpResult } from './response.js';

export interface ErrorContext {
  /** xAPI routes challenge for HTTP Basic on 401; app routes expect a Bearer token. */
  authScheme: 'Basic' | 'Bearer' | undefined;
  requestId?: string;
}

export function errorResponse(error: unknown, context: ErrorContext): HttpResult {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error instanceof AuthenticationError && context.authScheme) {
      headers['www-authenticate'] = context.authScheme === 'Basic' ? 'Basic realm="xAPI"' : 'Bearer';
    }
    const body = error.issues.length > 0 ? { error: error.message, issues: error.issues } : { error: error.message };
    return json(error.status, body, headers);
  }
  console.error(JSON.stringify({ level: 'error', message: 'Unhandled error', requestId: context.requestId, error: describe(error) }));
  return json(500, { error: 'Internal error. Please try again later.', ...(context.requestId ? { requestId: context.requestId } : {}) });
}

function describe(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack, cause: error.cause ? describe(error.cause) : undefined };
  return error;
}
