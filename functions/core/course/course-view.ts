/**
 * The course as the browser gets it. Knowledge checks keep their answers and feedback (they are
 * formative: feedback comes at once, in the browser). The final test loses which options are
 * correct and its feedback: it is graded on the server, and feedback follows submission.
 */
import type { Course, FinalTestItem } from './schema.js';

export type FinalTestView = Omit<FinalTestItem, 'questions'> & {
  questions: Array<{
    id: string;
    type: 'single' | 'multiple';
    stem: string;
    outcome: number;
    options: Array<{ id: string; text: string }>;
  }>;
};

export type CourseView = Omit<Course, 'finalTest'> & { finalTest: FinalTestView };

export function courseView(course: Course): CourseView {
  const { questions, ...test } = course.finalTest;
  return {
    ...course,
    finalTest: {
      ...test,
      questions: questions.map((q) => ({
        id: q.id,
        type: q.type,
        stem: q.stem,
        outcome: q.outcome,
        options: q.options.map((o) => ({ id: o.id, text: o.text })),
      })),
    },
  };
}
