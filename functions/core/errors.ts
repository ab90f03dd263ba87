/**
 * Domain errors. Each carries the HTTP status it maps to and a message written for the caller
 * (what is wrong and what to fix). The single mapping to an HTTP response lives in
 * functions/http/error-response.ts; 5xx errors never expose their message.
 */
export interface ErrorIssue {
  /** Dotted path into the input, e.g. "statement.actor.mbox" or "query.since". */
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  readonly issues: ErrorIssue[];
  constructor(message: string, options: { cause?: unknown; issues?: ErrorIssue[] } = {}) {
    super(message, { cause: options.cause });
    this.issues = options.issues ?? [];
  }
}

/** The request is malformed or breaks a rule of the xAPI spec or the course. */
export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  readonly status = 400;
}

/** No or invalid credentials. */
export class AuthenticationError extends AppError {
  override readonly name = 'AuthenticationError';
  readonly status = 401;
}

/** Valid credentials, but this caller may not do this. */
export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  readonly status = 404;
}

export class MethodNotAllowedError extends AppError {
  override readonly name = 'MethodNotAllowedError';
  readonly status = 405;
}

/** A statement id is already used by a statement with different content. */
export class StatementConflictError extends AppError {
  override readonly name = 'StatementConflictError';
  readonly status = 409;
  constructor(readonly statementIds: string[], options: { cause?: unknown } = {}) {
    super(
      `A different statement is already stored under id ${statementIds.join(', ')}. ` +
        'Statements are immutable: send it with a new id, or send exactly the stored statement.',
      options,
    );
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  readonly status = 409;
}

export class PreconditionFailedError extends AppError {
  override readonly name = 'PreconditionFailedError';
  readonly status = 412;
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  readonly status = 413;
}

/** Well-formed, but its content cannot be accepted (e.g. a SCORM package that fails the checks). */
export class UnprocessableContentError extends AppError {
  override readonly name = 'UnprocessableContentError';
  readonly status = 422;
}

export class UnsupportedMediaTypeError extends AppError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly status = 415;
}

/** Too many requests against the store; the client may retry. */
export class ThrottledError extends AppError {
  override readonly name = 'ThrottledError';
  readonly status = 503;
}
