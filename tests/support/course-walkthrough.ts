/**
 * A participant who works through the whole course at nominal pace, as the statements the app
 * would send: one browser session, active time flushed every minute, every check answered
 * correctly, reflections long enough, every assignment reported. Each statement comes with the
 * moment the server would receive it, so tests can store it with the right `stored` time.
 */
import { randomUUID } from 'node:crypto';
import { allItems, loadCourse } from '../../functions/core/course/load.js';
import type { Course, Form, Item } from '../../functions/core/course/schema.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import type { Statement } from '../../functions/core/xapi/statement-schema.js';

export interface TimedStatement {
  statement: Statement;
  /** When the server receives it (epoch ms). */
  at: number;
}

export interface WalkthroughOptions {
  course?: Course;
  participant: build.Person;
  registration: string;
  startMs: number;
  /** Leave these item ids out (to test what is missing). */
  skip?: readonly string[];
  /** Fraction of each item's nominal minutes spent actively (1 = nominal pace). */
  pace?: number;
  /** Include the final test? (It is graded on the server, so API tests submit it themselves.) */
  includeFinalTest?: boolean;
}

const FLUSH_MS = 60_000;

export function longText(words: number): string {
  return Array.from({ length: words }, (_, i) => ['ik', 'merk', 'dat', 'luisteren', 'en', 'stilte', 'ruimte', 'geven'][i % 8]).join(' ');
}

function formAnswers(form: Form): Record<string, string | number> {
  const answers: Record<string, string | number> = {};
  for (const field of form.fields) {
    if (field.type === 'rating') answers[field.id] = field.max;
    else if (field.type === 'single') answers[field.id] = field.options[0]!.id;
    else if (field.type === 'date') answers[field.id] = '2026-11-20';
    else if (field.type === 'longtext') answers[field.id] = longText(Math.max(field.minWords ?? 0, 12));
    else answers[field.id] = 'Een korte notitie';
  }
  return answers;
}

export function courseWalkthrough(options: WalkthroughOptions): TimedStatement[] {
  const course = options.course ?? loadCourse();
  const sessionId = randomUUID();
  const pace = options.pace ?? 1;
  const out: TimedStatement[] = [];
  let now = options.startMs;
  const common = () => ({ course, participant: options.participant, registration: options.registration, sessionId, timestamp: new Date(now).toISOString() });
  const emit = (statement: Statement) => out.push({ statement, at: now });

  /** Active time on an item in one-minute flushes; the returned intervals are the last flush's. */
  const spend = (item: Item): build.ActiveInterval[] => {
    let remaining = item.nominalMinutes * 60_000 * pace;
    let last: build.ActiveInterval[] = [];
    while (remaining > 0) {
      const chunk = Math.min(FLUSH_MS, remaining);
      const interval: build.ActiveInterval = [new Date(now).toISOString(), new Date(now + chunk).toISOString()];
      now += chunk;
      remaining -= chunk;
      if (remaining > 0 || item.kind === 'page') emit(build.itemExperienced({ ...common(), itemId: item.id, activeIntervals: [interval] }));
      else last = [interval];
      now += 1_000; // network and typing pauses between flushes
    }
    return last;
  };

  for (const item of allItems(course)) {
    if (options.skip?.includes(item.id)) continue;
    switch (item.kind) {
      case 'page':
        spend(item);
        break;
      case 'check': {
        const intervals = spend(item);
        item.questions.forEach((q, i) =>
          emit(build.knowledgeCheckAnswered({ ...common(), itemId: item.id, questionId: q.id, chosenOptionIds: q.options.filter((o) => o.correct).map((o) => o.id), ...(i === 0 ? { activeIntervals: intervals } : {}) })),
        );
        break;
      }
      case 'reflection': {
        const intervals = spend(item);
        // One submission sends every prompt with the same last flush; the time counts once (union).
        item.prompts.forEach((p) => emit(build.reflectionWritten({ ...common(), itemId: item.id, promptId: p.id, text: longText(p.minWords + 5), activeIntervals: intervals })));
        break;
      }
      case 'spinnenweb': {
        const intervals = spend(item);
        const scores = Object.fromEntries(course.spinnenweb.dimensions.map((d, i) => [d.id, 5 + (i % 4)])) as build.SpinnenwebScores;
        emit(build.spinnenwebFilledIn({ ...common(), itemId: item.id, scores, activeIntervals: intervals }));
        break;
      }
      case 'assignment':
        now += 60_000;
        emit(build.assignmentReported({ ...common(), itemId: item.id, answers: formAnswers(item.reportForm) }));
        break;
      case 'test':
        if (options.includeFinalTest) {
          const attemptId = randomUUID();
          emit(build.finalTestAttempted({ ...common(), id: attemptId }));
          const intervals = spend(item);
          emit(build.finalTestSubmitted({ ...common(), attemptStatementId: attemptId, correctCount: item.questions.length, activeIntervals: intervals }));
        }
        break;
      case 'evaluation': {
        const intervals = spend(item);
        emit(build.evaluationSubmitted({ ...common(), answers: formAnswers(item.form), activeIntervals: intervals }));
        break;
      }
      case 'choice': {
        const intervals = spend(item);
        emit(build.followUpChosen({ ...common(), route: 'gespreksvoering', activeIntervals: intervals }));
        break;
      }
    }
  }
  return out;
}
