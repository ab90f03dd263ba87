/**
 * Between scorm-again's CMI data and the package routes' shapes, both ways, for SCORM 1.2 and
 * 2004 (the contract of PUT /api/me/packages/{itemId}/sittings/{sittingId}):
 *   - runtimeFromCmi: what a SCO left in the CMI (as scorm-again renders it: nested objects,
 *     every value a string) as the normalised Runtime the server takes;
 *   - launchCmi: the CMI an LMS loads before a sitting, from what the server kept (the record).
 * Pure: no scorm-again, no DOM, so it is tested on its own.
 */
import type { Completion, Learner, PackageExit, PackageInteraction, PackageRecord, Runtime, ScormVersion, Success } from './package-types.js';

/** CMI data as scorm-again renders and loads it. */
export interface CmiJson {
  [element: string]: string | CmiJson;
}

/** The server's limits on a Runtime (longer values would make it refuse the whole event). */
export const RUNTIME_LIMITS = { suspendData: 64_000, location: 1_000, interactions: 250 } as const;

// Calendar units as scorm-again counts them in durations, so both sides agree on a total time.
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (hours 2-4 digits, fraction 1-2 digits), in ms; null if it is not one. */
export function timespanToMs(value: string): number | null {
  const match = /^(\d{2,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, hours, minutes, seconds, fraction = ''] = match;
  return Number(hours) * HOUR + Number(minutes) * MINUTE + Number(seconds) * SECOND + Number(fraction.padEnd(3, '0'));
}

/** SCORM 2004 timeinterval, an ISO 8601 duration (P1Y2M3DT4H5M6.78S), in ms; null if it is not one. */
export function durationToMs(value: string): number | null {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!match) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const parts = [years, months, weeks, days, hours, minutes, seconds];
  // "P" and "PT" alone, or a "T" with nothing after it, are not durations.
  if (parts.every((part) => part === undefined) || (value.includes('T') && [hours, minutes, seconds].every((part) => part === undefined))) return null;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  return Math.round(
    n(years) * YEAR + n(months) * MONTH + n(weeks) * WEEK + n(days) * DAY + n(hours) * HOUR + n(minutes) * MINUTE + n(seconds) * SECOND,
  );
}

/** A session time as the SCO's version writes it, in ms; null if it is not one. */
export function sessionTimeToMs(version: ScormVersion, value: string): number | null {
  return version === '1.2' ? timespanToMs(value) : durationToMs(value);
}

const MAX_TIMESPAN_CS = (9999 * 3600 + 59 * 60 + 59) * 100 + 99;

/** ms as a SCORM 1.2 CMITimespan (to hundredths; at most 9999:59:59.99). */
export function msToTimespan(ms: number): string {
  const cs = Math.min(Math.max(0, Math.round(ms / 10)), MAX_TIMESPAN_CS);
  const hours = Math.floor(cs / 360_000);
  const minutes = Math.floor((cs % 360_000) / 6_000);
  const seconds = Math.floor((cs % 6_000) / 100);
  const hundredths = cs % 100;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${hundredths > 0 ? `.${pad(hundredths)}` : ''}`;
}

/** ms as a SCORM 2004 timeinterval (PT#H#M#S, to hundredths of a second). */
export function msToDuration(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(cs / 360_000);
  const minutes = Math.floor((cs % 360_000) / 6_000);
  const seconds = (cs % 6_000) / 100;
  return `PT${hours}H${minutes}M${seconds}S`;
}

// Reading scorm-again's rendered CMI: every leaf a string, every branch an object (or, for
// collections, possibly an array); anything else counts as absent.

type Branch = Record<string, unknown>;

function branch(value: unknown): Branch {
  return typeof value === 'object' && value !== null ? (value as Branch) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function decimal(value: unknown): number | null {
  const raw = text(value).trim();
  if (raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** A CMI collection (interactions, correct_responses) in index order. */
function collection(value: unknown): Branch[] {
  return Object.entries(branch(value))
    .filter(([key]) => /^\d+$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, entry]) => branch(entry));
}

function clampScaled(n: number): number {
  return Math.min(1, Math.max(-1, n));
}

/** SCORM 1.2's one lesson_status as the contract's completion and success. */
export function lessonStatusToRuntime(status: string): { completion: Completion; success: Success } {
  switch (status) {
    case 'passed':
      return { completion: 'completed', success: 'passed' };
    case 'failed':
      return { completion: 'completed', success: 'failed' };
    case 'completed':
      return { completion: 'completed', success: 'unknown' };
    case 'incomplete':
    case 'browsed':
      return { completion: 'incomplete', success: 'unknown' };
    case 'not attempted':
      return { completion: 'not attempted', success: 'unknown' };
    default:
      return { completion: 'unknown', success: 'unknown' };
  }
}

const EXITS_12: readonly PackageExit[] = ['', 'suspend', 'logout', 'time-out'];
const EXITS_2004: readonly PackageExit[] = ['', 'suspend', 'logout', 'normal', 'time-out'];
const COMPLETIONS: readonly Completion[] = ['completed', 'incomplete', 'not attempted', 'unknown'];
const SUCCESSES: readonly Success[] = ['passed', 'failed', 'unknown'];

function oneOf<T extends string>(value: string, allowed: readonly T[], otherwise: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : otherwise;
}

export interface RuntimeOptions {
  /**
   * Whether the SCO set its session time in this sitting. scorm-again reports a default of zero
   * when it did not, which would read as "no time at all" rather than "not reported".
   */
  sessionTimeReported: boolean;
}

/**
 * The Runtime of a sitting from the CMI (the `cmi` object of scorm-again's
 * renderCMIToJSONObject()), normalised per the contract.
 */
export function runtimeFromCmi(version: ScormVersion, cmi: unknown, options: RuntimeOptions): Runtime {
  return version === '1.2' ? runtime12(branch(cmi), options) : runtime2004(branch(cmi), options);
}

function runtime12(cmi: Branch, { sessionTimeReported }: RuntimeOptions): Runtime {
  const core = branch(cmi.core);
  const score = branch(core.score);
  const raw = decimal(score.raw);
  const max = decimal(score.max);
  return {
    ...lessonStatusToRuntime(text(core.lesson_status)),
    scoreScaled: raw === null ? null : clampScaled(max !== null && max > 0 ? raw / max : raw / 100),
    suspendData: text(cmi.suspend_data).slice(0, RUNTIME_LIMITS.suspendData),
    location: text(core.lesson_location).slice(0, RUNTIME_LIMITS.location),
    exit: oneOf(text(core.exit), EXITS_12, ''),
    sessionTimeMs: sessionTimeReported ? timespanToMs(text(core.session_time)) : null,
    interactions: interactions(cmi.interactions, 'student_response', false),
  };
}

function runtime2004(cmi: Branch, { sessionTimeReported }: RuntimeOptions): Runtime {
  const scaled = decimal(branch(cmi.score).scaled);
  return {
    completion: oneOf(text(cmi.completion_status), COMPLETIONS, 'unknown'),
    success: oneOf(text(cmi.success_status), SUCCESSES, 'unknown'),
    scoreScaled: scaled === null ? null : clampScaled(scaled),
    suspendData: text(cmi.suspend_data).slice(0, RUNTIME_LIMITS.suspendData),
    location: text(cmi.location).slice(0, RUNTIME_LIMITS.location),
    exit: oneOf(text(cmi.exit), EXITS_2004, ''),
    sessionTimeMs: sessionTimeReported ? durationToMs(text(cmi.session_time)) : null,
    interactions: interactions(cmi.interactions, 'learner_response', true),
  };
}

function interactions(value: unknown, responseField: 'student_response' | 'learner_response', hasDescription: boolean): PackageInteraction[] {
  return collection(value)
    .filter((entry) => text(entry.id) !== '')
    .slice(0, RUNTIME_LIMITS.interactions)
    .map((entry) => {
      const description = hasDescription ? text(entry.description) : '';
      return {
        id: text(entry.id),
        type: text(entry.type),
        learnerResponse: text(entry[responseField]),
        result: text(entry.result),
        correctResponses: collection(entry.correct_responses).map((response) => text(response.pattern)),
        description: description === '' ? null : description,
      };
    });
}

/**
 * The CMI to load before a sitting (scorm-again's loadFromJSON): who the learner is, whether the
 * attempt resumes (the last sitting suspended) or starts afresh, and what the server kept: the
 * status, score, location, suspend data and total time.
 */
export function launchCmi(version: ScormVersion, learner: Learner, record: PackageRecord | null): CmiJson {
  // Where the SCO was (location, suspend data) only on a resume: after a normal exit the SCO starts
  // afresh. Status, score and total time are the enrolment's and always carry over.
  const resume = record !== null && record.exit === 'suspend';
  const entry = resume ? 'resume' : 'ab-initio';
  const totalTime = record && record.totalTimeMs > 0 ? record.totalTimeMs : undefined;
  const scaled = record?.scoreScaled ?? null;
  if (version === '1.2') {
    const status = record ? lessonStatusOf(record) : undefined;
    const core: CmiJson = {
      student_id: learner.id,
      student_name: learner.name,
      entry,
      credit: 'credit',
      lesson_mode: 'normal',
      ...(resume && record.location ? { lesson_location: record.location } : {}),
      ...(status ? { lesson_status: status } : {}),
      ...(totalTime !== undefined ? { total_time: msToTimespan(totalTime) } : {}),
      // 1.2 scores are raw on 0..100; a negative scaled score has no 1.2 form.
      ...(scaled !== null && scaled >= 0 ? { score: { raw: String(Math.round(scaled * 10_000) / 100), min: '0', max: '100' } } : {}),
    };
    return { core, ...(resume && record.suspendData ? { suspend_data: record.suspendData } : {}) };
  }
  return {
    learner_id: learner.id,
    learner_name: learner.name,
    entry,
    credit: 'credit',
    mode: 'normal',
    ...(resume && record.location ? { location: record.location } : {}),
    ...(resume && record.suspendData ? { suspend_data: record.suspendData } : {}),
    ...(record && record.completion !== 'unknown' ? { completion_status: record.completion } : {}),
    ...(record && record.success !== 'unknown' ? { success_status: record.success } : {}),
    ...(scaled !== null ? { score: { scaled: String(scaled) } } : {}),
    ...(totalTime !== undefined ? { total_time: msToDuration(totalTime) } : {}),
  };
}

/** The record's completion and success as SCORM 1.2's one lesson_status (undefined: let the SCO start it). */
function lessonStatusOf(record: PackageRecord): string | undefined {
  if (record.success === 'passed' || record.success === 'failed') return record.success;
  if (record.completion === 'completed' || record.completion === 'incomplete') return record.completion;
  return undefined;
}
