/**
 * Loads the course definition from content/introductie/course.json, checked by the schema once.
 *
 * The JSON is imported (not read from disk) so esbuild bundles it into each Lambda and tsc/tsx
 * resolve it under NodeNext; the import attribute `with { type: 'json' }` is what Node's ESM
 * loader requires for JSON.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import data from '../../../content/introductie/course.json' with { type: 'json' };
import { courseItems, courseSchema, type Course, type Item } from './schema.js';

/** The course content does not match the schema; the message lists every problem. */
export class CourseContentError extends Error {
  override readonly name = 'CourseContentError';
}

/** Parses any candidate course definition; throws CourseContentError listing every problem. */
export function parseCourse(input: unknown): Course {
  const result = courseSchema().safeParse(input);
  if (!result.success) {
    throw new CourseContentError(`Invalid course content:\n${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return result.data;
}

let cached: Course | undefined;

/** The course, parsed once per process and deeply frozen (callers share one instance). */
export function loadCourse(): Course {
  cached ??= deepFreeze(parseCourse(data));
  return cached;
}

const indexes = new WeakMap<Course, Map<string, Item>>();

/** Every item in the order a participant meets it (see courseItems in schema.ts). */
export function allItems(course: Course): Item[] {
  return courseItems(course);
}

/** The item with this id (page, check, reflection, spinnenweb, assignment, test, evaluation, choice). */
export function itemById(course: Course, id: string): Item | undefined {
  let index = indexes.get(course);
  if (!index) {
    index = new Map(courseItems(course).map((item) => [item.id, item]));
    indexes.set(course, index);
  }
  return index.get(id);
}

/** Nominal minutes of all items (self-study, assignments, test, evaluation, choice). */
export function itemMinutesTotal(course: Course): number {
  return courseItems(course).reduce((sum, item) => sum + item.nominalMinutes, 0);
}

/** Nominal minutes of the whole course: all items plus the contact moment (= studyLoadMinutes). */
export function nominalMinutesTotal(course: Course): number {
  return itemMinutesTotal(course) + course.contactMoment.minutes;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
