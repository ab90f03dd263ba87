/**
 * A participant's progress in one enrolment, as a projection of their statements: which items are
 * done, the evidence per learning outcome, the final test, credited study time and the gate.
 *
 * `applyStatement` is pure and idempotent (the same statement twice changes nothing), and the
 * state it keeps is bounded by the size of the course (item ids, question and prompt ids, test
 * attempts), never by the number of statements. So the projection can be rebuilt by folding all
 * statements, or kept up to date one statement at a time, with the same result.
 *
 * Statements from any xAPI client count, as long as they use the course's activity IRIs.
 */
import { itemById } from '../course/load.js';
import type { Course, Item } from '../course/schema.js';
import { parseActivityIri } from '../xapi/profile/activity-iris.js';
import { EXTENSIONS, VERBS } from '../xapi/profile/vocabulary.js';
import type { StatementJson } from '../xapi/statement-store.js';
import { durationToMs } from '../xapi/data-formats.js';
import { SCORM_VERBS, SITTING_STARTED_EXTENSION } from '../scorm/imported/package-statements.js';
import { applyReport, emptyStudyTime, type StudyTimeReport, type StudyTimeState } from './study-time.js';

export interface TestResult {
  statementId: string;
  passed: boolean;
  scorePercent: number;
  /** Server receive time. */
  at: string;
}

export interface ProgressState {
  registration: string | null;
  studyTime: StudyTimeState;
  /** Content pages with any active time reported. */
  pagesSeen: string[];
  /** Knowledge check item id → ids of the questions answered. */
  checkAnswers: Record<string, string[]>;
  /** Reflection item id → ids of the prompts answered in at least `minWords` words. */
  reflectionAnswers: Record<string, string[]>;
  /** Spinnenweb, assignments and the evaluation: submitted at least once. */
  completed: string[];
  /** The follow-up route chosen last (learning outcome 8). */
  followUpChoice: string | null;
  finalTest: { attempts: string[]; results: TestResult[] };
  /** When the module recorded the gate opening (the contact moment unlocked). */
  gateOpenedAt: string | null;
  /** When the coach recorded the contact moment as attended. */
  attendedAt: string | null;
  /** When the module recorded the course as completed. */
  completedAt: string | null;
  /** The item the participant last worked on, for "continue where you left off". */
  lastItem: { itemId: string; at: string } | null;
}

export function emptyProgress(): ProgressState {
  return {
    registration: null,
    studyTime: emptyStudyTime(),
    pagesSeen: [],
    checkAnswers: {},
    reflectionAnswers: {},
    completed: [],
    followUpChoice: null,
    finalTest: { attempts: [], results: [] },
    gateOpenedAt: null,
    attendedAt: null,
    completedAt: null,
    lastItem: null,
  };
}

/** Folds one stored statement into the progress. Statements of another registration are ignored. */
export function applyStatement(state: ProgressState, statement: StatementJson, course: Course): ProgressState {
  const registration = registrationOf(statement);
  if (!registration || (state.registration !== null && registration !== state.registration)) return state;
  const objectId = (statement.object as { id?: unknown } | undefined)?.id;
  const ref = typeof objectId === 'string' ? parseActivityIri(course, objectId) : undefined;
  if (!ref) return state;
  const verb = (statement.verb as { id?: string }).id;
  let next: ProgressState = { ...state, registration };

  if (ref.kind === 'contact-moment') {
    if (verb === VERBS.unlocked && next.gateOpenedAt === null) return { ...next, gateOpenedAt: statement.stored };
    if (verb === VERBS.attended && next.attendedAt === null) return { ...next, attendedAt: statement.stored };
    return next;
  }
  if (ref.kind === 'course') {
    return verb === VERBS.completed && next.completedAt === null ? { ...next, completedAt: statement.stored } : next;
  }
  if (ref.kind !== 'item' && ref.kind !== 'question' && ref.kind !== 'prompt') return state;
  const item = itemById(course, ref.itemId);
  if (!item) return state;

  next = withStudyTime(next, statement, item, course);
  next = withLastItem(next, item.id, statement.stored);
  const result = (statement.result ?? {}) as { response?: unknown; score?: { scaled?: unknown }; success?: unknown };

  switch (item.kind) {
    case 'page':
      return verb === VERBS.experienced ? { ...next, pagesSeen: addTo(next.pagesSeen, item.id) } : next;
    case 'check':
      return verb === VERBS.answered && ref.kind === 'question'
        ? { ...next, checkAnswers: { ...next.checkAnswers, [item.id]: addTo(next.checkAnswers[item.id] ?? [], ref.questionId) } }
        : next;
    case 'reflection': {
      if (verb !== VERBS.responded || ref.kind !== 'prompt') return next;
      const prompt = item.prompts.find((p) => p.id === ref.promptId);
      if (!prompt || wordCount(result.response) < prompt.minWords) return next;
      return { ...next, reflectionAnswers: { ...next.reflectionAnswers, [item.id]: addTo(next.reflectionAnswers[item.id] ?? [], prompt.id) } };
    }
    case 'spinnenweb':
    case 'assignment':
    case 'evaluation':
      return verb === VERBS.completed ? { ...next, completed: addTo(next.completed, item.id) } : next;
    case 'choice':
      return verb === VERBS.preferred && typeof result.response === 'string' ? { ...next, followUpChoice: result.response } : next;
    case 'test':
      return withTestEvent(next, statement, verb, result);
    case 'package':
      // The package reported completion (ADL SCORM profile, package-statements.ts).
      return verb === VERBS.completed ? { ...next, completed: addTo(next.completed, item.id) } : next;
  }
}

function withTestEvent(state: ProgressState, statement: StatementJson, verb: string | undefined, result: { score?: { scaled?: unknown } }): ProgressState {
  if (verb === VERBS.attempted) return { ...state, finalTest: { ...state.finalTest, attempts: addTo(state.finalTest.attempts, statement.id) } };
  if (verb !== VERBS.passed && verb !== VERBS.failed) return state;
  if (state.finalTest.results.some((r) => r.statementId === statement.id)) return state;
  const scaled = typeof result.score?.scaled === 'number' ? result.score.scaled : 0;
  const entry: TestResult = { statementId: statement.id, passed: verb === VERBS.passed, scorePercent: Math.round(scaled * 100), at: statement.stored };
  const results = [...state.finalTest.results, entry].sort((a, b) => a.at.localeCompare(b.at));
  return { ...state, finalTest: { ...state.finalTest, results } };
}

/** Active time (and assignment reports) go to the study-time rules, which keep their own dedupe. */
function withStudyTime(state: ProgressState, statement: StatementJson, item: Item, course: Course): ProgressState {
  const report = studyTimeReport(statement, item, state.registration!);
  return report ? { ...state, studyTime: applyReport(state.studyTime, report, course) } : state;
}

function studyTimeReport(statement: StatementJson, item: Item, registration: string): StudyTimeReport | undefined {
  const verb = (statement.verb as { id?: string }).id;
  if (item.kind === 'assignment') {
    return verb === VERBS.completed ? { kind: 'assignment-reported', statementId: statement.id, registration, itemId: item.id, receivedAt: statement.stored } : undefined;
  }
  const extensions = ((statement.context as { extensions?: Record<string, unknown> } | undefined)?.extensions ?? {}) as Record<string, unknown>;
  if (item.kind === 'package') {
    // R13: a sitting's end, with the SCO's own session time and the server's start of the sitting.
    const duration = (statement.result as { duration?: unknown } | undefined)?.duration;
    const startedAt = extensions[SITTING_STARTED_EXTENSION];
    if (verb !== SCORM_VERBS.terminated || typeof duration !== 'string' || typeof startedAt !== 'string') return undefined;
    return { kind: 'sitting', statementId: statement.id, registration, itemId: item.id, startedAt, receivedAt: statement.stored, reportedMs: durationToMs(duration) ?? 0 };
  }
  const intervals = extensions[EXTENSIONS.activeIntervals];
  if (!Array.isArray(intervals) || typeof statement.timestamp !== 'string') return undefined;
  const sessionId = extensions[EXTENSIONS.sessionId];
  return {
    kind: 'activity',
    statementId: statement.id,
    registration,
    itemId: item.id,
    ...(typeof sessionId === 'string' ? { sessionId } : {}),
    clientSentAt: statement.timestamp,
    receivedAt: statement.stored,
    intervals: intervals.filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2 && pair.every((v) => typeof v === 'string')),
  };
}

function withLastItem(state: ProgressState, itemId: string, at: string): ProgressState {
  return state.lastItem && state.lastItem.at > at ? state : { ...state, lastItem: { itemId, at } };
}

function registrationOf(statement: StatementJson): string | undefined {
  const registration = (statement.context as { registration?: unknown } | undefined)?.registration;
  return typeof registration === 'string' ? registration.toLowerCase() : undefined;
}

/** Adds to a sorted set kept as an array (plain JSON, so the state can be stored as is). */
function addTo(values: readonly string[], value: string): string[] {
  return values.includes(value) ? (values as string[]) : [...values, value].sort();
}

export function wordCount(text: unknown): number {
  return typeof text === 'string' ? text.trim().split(/\s+/u).filter(Boolean).length : 0;
}
