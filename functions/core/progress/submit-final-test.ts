/**
 * Grading the final test on the server (the browser never sees the answers before submitting).
 * The retry rules come from the course; the result is recorded as statements (attempted, then
 * passed or failed) under the participant's enrolment.
 */
import type { AuthorityAgent } from '../auth/principal.js';
import type { Course } from '../course/schema.js';
import type { Enrolment } from '../enrolment/ports.js';
import { ConflictError, ValidationError } from '../errors.js';
import { finalTestAttempted, finalTestSubmitted, type ActiveInterval, type Person } from '../xapi/profile/builders.js';
import { storeStatements } from '../xapi/store-statements.js';
import { projectStoredStatements, type ReadinessDeps } from '../readiness/update-readiness.js';
import { loadProgress } from './load-progress.js';
import { finalTestView } from './progress-summary.js';

export interface SubmitFinalTestInput {
  course: Course;
  enrolment: Enrolment;
  participant: Person;
  attemptId: string;
  /** Question id → the option ids chosen. */
  answers: Record<string, string[]>;
  activeIntervals?: readonly ActiveInterval[];
  authority: AuthorityAgent;
}

export interface FinalTestOutcome {
  passed: boolean;
  scorePercent: number;
  passMarkPercent: number;
  questions: Array<{ id: string; correct: boolean; feedback: string; correctOptionIds?: string[] }>;
  attemptsUsed: number;
  attemptsLeft: number;
  nextAttemptAt?: string;
}

export const submitFinalTest =
  (deps: ReadinessDeps) =>
  async (input: SubmitFinalTestInput): Promise<FinalTestOutcome> => {
    const test = input.course.finalTest;
    const unanswered = test.questions.filter((q) => !(input.answers[q.id]?.length));
    if (unanswered.length > 0) {
      throw new ValidationError(`Beantwoord eerst alle vragen (nog ${unanswered.length} open).`, {
        issues: unanswered.map((q) => ({ path: `answers.${q.id}`, message: 'nog niet beantwoord' })),
      });
    }
    const unknown = Object.keys(input.answers).filter((id) => !test.questions.some((q) => q.id === id));
    if (unknown.length > 0) {
      throw new ValidationError(`Onbekende vraag: ${unknown.join(', ')}.`, { issues: unknown.map((id) => ({ path: `answers.${id}`, message: 'geen vraag van deze toets' })) });
    }

    const { state } = await loadProgress(deps)({ enrolment: input.enrolment, course: input.course });
    if (state.finalTest.attempts.includes(input.attemptId.toLowerCase())) throw new ConflictError('Deze poging is al ingeleverd.');
    const before = finalTestView(state, input.course, deps.now());
    if (!before.canAttempt) throw new ConflictError(before.message ?? 'Je kunt de eindtoets nu niet maken.');

    const graded = test.questions.map((q) => {
      const chosen = new Set(input.answers[q.id]);
      const correctIds = q.options.filter((o) => o.correct).map((o) => o.id);
      const correct = chosen.size === correctIds.length && correctIds.every((id) => chosen.has(id));
      return { q, correct, correctIds };
    });
    const correctCount = graded.filter((g) => g.correct).length;
    const timestamp = deps.now().toISOString();
    const common = { course: input.course, participant: input.participant, registration: input.enrolment.registration, timestamp };
    const attempted = finalTestAttempted({ ...common, id: input.attemptId });
    const submitted = finalTestSubmitted({
      ...common,
      attemptStatementId: input.attemptId,
      correctCount,
      ...(input.activeIntervals ? { activeIntervals: input.activeIntervals } : {}),
    });
    const ids = await storeStatements(deps)({ statements: [attempted, submitted], authority: input.authority });
    // The readiness projection, at once: passing may open the gate (the stream applies them again).
    await projectStoredStatements(deps)(ids);

    const passed = correctCount * 100 >= test.passMarkPercent * test.questions.length;
    const reveal = test.revealCorrectAnswers === 'always' || (test.revealCorrectAnswers === 'after-pass' && passed);
    const attemptsUsed = state.finalTest.results.length + 1;
    const nextAttemptAt =
      !passed && attemptsUsed < test.retries.maxAttempts ? new Date(Date.parse(timestamp) + test.retries.waitMinutesBetweenAttempts * 60_000).toISOString() : undefined;
    return {
      passed,
      scorePercent: Math.round((correctCount / test.questions.length) * 100),
      passMarkPercent: test.passMarkPercent,
      questions: graded.map(({ q, correct, correctIds }) => ({
        id: q.id,
        correct,
        feedback: correct ? q.feedback.correct : q.feedback.incorrect,
        ...(reveal ? { correctOptionIds: correctIds } : {}),
      })),
      attemptsUsed,
      attemptsLeft: passed ? 0 : Math.max(0, test.retries.maxAttempts - attemptsUsed),
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
    };
  };
