/**
 * A start-up failure the user can fix (busy port, no Java, already running). Its message is the
 * one line `npm start` prints, and says what to do; no stack trace, since it is no bug.
 */
export class LocalStartupError extends Error {
  override readonly name = 'LocalStartupError';
}
