/**
 * Activity IRIs of the course, made from the stable ids in the course definition. The course IRI
 * (`course.id`) never changes and ids are kebab-case, so the IRIs need no escaping and stay valid
 * across content versions as long as the ids do (content/README.md "Changing the content").
 *
 *   course            {course.id}
 *   work moment       {course.id}/work-moment/{workMomentId}
 *   item              {course.id}/item/{itemId}                    page, check, reflection, spinnenweb,
 *                                                                  assignment, test, evaluation, choice
 *   check question    {course.id}/item/{checkId}/question/{questionId}
 *   reflection prompt {course.id}/item/{reflectionId}/prompt/{promptId}
 *   contact moment    {course.id}/contact-moment/{contactMoment.id}
 */
import type { Course } from '../../course/schema.js';

type CourseIds = Pick<Course, 'id'>;

export function courseIri(course: CourseIds): string {
  return course.id;
}

export function workMomentIri(course: CourseIds, workMomentId: string): string {
  return `${course.id}/work-moment/${workMomentId}`;
}

export function itemIri(course: CourseIds, itemId: string): string {
  return `${course.id}/item/${itemId}`;
}

export function questionIri(course: CourseIds, checkItemId: string, questionId: string): string {
  return `${itemIri(course, checkItemId)}/question/${questionId}`;
}

export function promptIri(course: CourseIds, reflectionItemId: string, promptId: string): string {
  return `${itemIri(course, reflectionItemId)}/prompt/${promptId}`;
}

export function contactMomentIri(course: Pick<Course, 'id' | 'contactMoment'>): string {
  return `${course.id}/contact-moment/${course.contactMoment.id}`;
}

/** What an activity IRI of this course points at; the ids are not checked against the content. */
export type CourseActivityRef =
  | { kind: 'course' }
  | { kind: 'work-moment'; workMomentId: string }
  | { kind: 'item'; itemId: string }
  | { kind: 'question'; itemId: string; questionId: string }
  | { kind: 'prompt'; itemId: string; promptId: string }
  | { kind: 'contact-moment'; contactMomentId: string };

const ID = '([a-z0-9]+(?:-[a-z0-9]+)*)';
const SHAPES: [RegExp, (m: RegExpExecArray) => CourseActivityRef][] = [
  [new RegExp(`^/work-moment/${ID}$`), (m) => ({ kind: 'work-moment', workMomentId: m[1]! })],
  [new RegExp(`^/item/${ID}$`), (m) => ({ kind: 'item', itemId: m[1]! })],
  [new RegExp(`^/item/${ID}/question/${ID}$`), (m) => ({ kind: 'question', itemId: m[1]!, questionId: m[2]! })],
  [new RegExp(`^/item/${ID}/prompt/${ID}$`), (m) => ({ kind: 'prompt', itemId: m[1]!, promptId: m[2]! })],
  [new RegExp(`^/contact-moment/${ID}$`), (m) => ({ kind: 'contact-moment', contactMomentId: m[1]! })],
];

/** The inverse of the helpers above (for projections); undefined for any other IRI. */
export function parseActivityIri(course: CourseIds, iri: string): CourseActivityRef | undefined {
  if (iri === course.id) return { kind: 'course' };
  if (!iri.startsWith(`${course.id}/`)) return undefined;
  const rest = iri.slice(course.id.length);
  for (const [pattern, toRef] of SHAPES) {
    const match = pattern.exec(rest);
    if (match) return toRef(match);
  }
  return undefined;
}
