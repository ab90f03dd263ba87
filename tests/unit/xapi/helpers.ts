import { expect } from 'vitest';
import { ValidationError, type ErrorIssue } from '../../../functions/core/errors.js';

/** Runs `fn`, asserts it throws a ValidationError and returns that error. */
export function validationErrorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

export function issuesOf(fn: () => unknown): ErrorIssue[] {
  return validationErrorOf(fn).issues;
}

export function pathsOf(fn: () => unknown): string[] {
  return issuesOf(fn).map((issue) => issue.path);
}
