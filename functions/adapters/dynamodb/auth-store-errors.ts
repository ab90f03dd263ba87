/**
 * Error translation shared by the credential stores (client-store.ts, user-store.ts): SDK errors
 * become domain errors the HTTP layer knows how to map, with the SDK error kept as `cause`.
 */
import { AppError, ThrottledError } from '../../core/errors.js';

/** An item in the table does not have the shape this code wrote. A bug or manual edit: a 500. */
export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
  constructor(what: string, cause: unknown) {
    super(`Stored ${what} does not have the expected shape.`, { cause });
  }
}

/** Any other failure talking to DynamoDB (a 500); the message is for logs, never for callers. */
export class AuthStoreError extends Error {
  override readonly name = 'AuthStoreError';
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

export function translateAuthStoreError(error: unknown, action: string): Error {
  if (error instanceof AppError || error instanceof MalformedItemError || error instanceof AuthStoreError) return error;
  const name = errorName(error);
  if (name !== undefined && THROTTLING.has(name)) {
    return new ThrottledError('The database is busy. Try again in a moment.', { cause: error });
  }
  return new AuthStoreError(`Could not ${action}: ${name ?? 'unknown error'}`, { cause: error });
}
