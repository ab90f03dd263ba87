/**
 * The course as the participant walks through it: items in order, where each lives (work moment
 * or not), where its screen is, and how to name its kind in Dutch.
 */
import type { CourseView } from '../core/course/course-view.js';
import type { AssignmentItem, ChoiceItem, EvaluationItem, WorkMoment, WorkMomentItem } from '../core/course/schema.js';
import { hashOf } from './router.js';

export type ViewItem = WorkMomentItem | AssignmentItem | CourseView['finalTest'] | EvaluationItem | ChoiceItem;

/** Every item in the order a participant meets it (as courseItems() in the course schema). */
export function itemsInOrder(course: CourseView): ViewItem[] {
  const items: ViewItem[] = [];
  for (const moment of course.workMoments) {
    items.push(...moment.items);
    items.push(...course.assignments.filter((a) => a.afterWorkMoment === moment.id));
  }
  items.push(course.finalTest, course.evaluation, course.followUpChoice);
  return items;
}

export function findItem(course: CourseView, itemId: string): ViewItem | undefined {
  return itemsInOrder(course).find((item) => item.id === itemId);
}

export function workMomentOf(course: CourseView, itemId: string): WorkMoment | undefined {
  return course.workMoments.find((m) => m.items.some((item) => item.id === itemId));
}

export function hrefFor(item: Pick<ViewItem, 'id' | 'kind'>): string {
  // The final test, the evaluation and the follow-up choice have screens of their own.
  const { kind } = item;
  return kind === 'test' || kind === 'evaluation' || kind === 'choice' ? hashOf({ name: kind }) : hashOf({ name: 'item', itemId: item.id });
}

/** `package`: an imported SCORM package (the course schema does not know the kind yet). */
export const KIND_LABEL: Record<ViewItem['kind'] | 'package', string> = {
  page: 'Lezen',
  check: 'Check',
  reflection: 'Reflectie',
  spinnenweb: 'Spinnenweb',
  assignment: 'Opdracht',
  test: 'Eindtoets',
  evaluation: 'Evaluatie',
  choice: 'Keuze',
  package: 'E-learning',
};

export function minutesLabel(minutes: number): string {
  return `ongeveer ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`;
}

/** The previous and next item, for the buttons at the bottom of an item screen. */
export function neighbours(course: CourseView, itemId: string): { previous?: ViewItem; next?: ViewItem } {
  const items = itemsInOrder(course);
  const index = items.findIndex((item) => item.id === itemId);
  return {
    ...(index > 0 ? { previous: items[index - 1] } : {}),
    ...(index >= 0 && index < items.length - 1 ? { next: items[index + 1] } : {}),
  };
}
