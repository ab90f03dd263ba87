/**
 * Statements of a small cohort for the accreditation tests: each participant's whole course as the
 * app sends it (reflections, spinnenweb, assignments, evaluation, follow-up choice: health data
 * among them), the final test, and for the completed ones the contact moment and the course
 * completion. Plus hostile statements an xAPI client could store: an allowed verb carrying health
 * data in result.response, extensions and an attachment, and a completion of another course.
 */
import { randomUUID } from 'node:crypto';
import { loadCourse } from '../../functions/core/course/load.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import { EXTENSIONS } from '../../functions/core/xapi/profile/vocabulary.js';
import type { Statement } from '../../functions/core/xapi/statement-schema.js';
import { courseWalkthrough } from './course-walkthrough.js';

/** Text that marks health data: no answer an accreditation body gets may contain it. */
export const HEALTH_MARKERS = [
  'luisteren', // the walkthrough's reflection and form texts
  'GEHEIM-GEZONDHEID',
  EXTENSIONS.spinnenwebScores,
  EXTENSIONS.formAnswers,
  EXTENSIONS.activeIntervals,
  EXTENSIONS.sessionId,
  '"response"',
  '"attachments"',
];

export interface CohortMember {
  participant: build.Person;
  registration: string;
  completed: boolean;
}

export interface Cohort {
  members: CohortMember[];
  /** Every statement, in the order to store them. */
  statements: Statement[];
  /** Ids of the statements an accreditation body of the course may read. */
  accreditationIds: string[];
  /** Ids of statements that carry health data (reflection, spinnenweb, assignment, evaluation, choice). */
  healthIds: string[];
  hostileId: string;
}

const coach = { userId: 'demo-coach-anna', name: 'Anna de Coach' };

export function accreditationCohort(size = 3, startMs = Date.now() - 20 * 86_400_000): Cohort {
  const course = loadCourse();
  const members: CohortMember[] = Array.from({ length: size }, (_, i) => ({
    participant: { userId: `cohort-${i}-${randomUUID().slice(0, 8)}`, name: `Deelnemer ${i}` },
    registration: randomUUID(),
    completed: i < size - 1,
  }));
  const statements: Statement[] = [];
  const accreditationIds: string[] = [];
  const healthIds: string[] = [];
  const healthTemplates = new Set(['responded', 'answered']);
  for (const [i, member] of members.entries()) {
    const walk = courseWalkthrough({ participant: member.participant, registration: member.registration, startMs: startMs + i * 3_600_000 });
    for (const { statement } of walk) {
      statements.push(statement);
      const type = (statement.object as { definition?: { type?: string } }).definition?.type ?? '';
      if (healthTemplates.has(statement.verb.id.split('/').at(-1)!) || /reflection|spinnenweb|assignment|survey|interaction/.test(type)) healthIds.push(statement.id!);
    }
    const common = { course, participant: member.participant, registration: member.registration };
    const attempt = build.finalTestAttempted({ ...common, id: randomUUID() });
    const submitted = build.finalTestSubmitted({ ...common, id: randomUUID(), attemptStatementId: attempt.id!, correctCount: course.finalTest.questions.length });
    const unlocked = build.contactMomentUnlocked({ ...common, id: randomUUID() });
    statements.push(attempt, submitted, unlocked);
    accreditationIds.push(attempt.id!, submitted.id!, unlocked.id!);
    if (member.completed) {
      const attended = build.contactMomentAttended({ ...common, id: randomUUID(), coach, form: course.contactMoment.forms[0]!, durationMinutes: 45 });
      const completed = build.courseCompleted({ ...common, id: randomUUID() });
      statements.push(attended, completed);
      accreditationIds.push(attended.id!, completed.id!);
    }
  }
  // An allowed verb and type, stuffed with health data by some xAPI client.
  const first = members[0]!;
  const hostile = build.courseCompleted({ course, participant: first.participant, registration: first.registration, id: randomUUID() }) as Statement & Record<string, unknown>;
  const result = hostile.result as Record<string, unknown>;
  result.response = 'GEHEIM-GEZONDHEID: mijn spinnenweb';
  (result.extensions as Record<string, unknown>)[EXTENSIONS.spinnenwebScores] = { zingeving: 3, note: 'GEHEIM-GEZONDHEID' };
  (hostile.context as Record<string, unknown>).extensions = {
    ...((hostile.context as { extensions?: object }).extensions ?? {}),
    [EXTENSIONS.formAnswers]: { reflectie: 'GEHEIM-GEZONDHEID' },
  };
  const definition = (hostile.object as { definition: Record<string, unknown> }).definition;
  definition.extensions = { 'https://example.org/x': 'GEHEIM-GEZONDHEID' };
  definition.name = { 'nl-NL': 'GEHEIM-GEZONDHEID in de naam' };
  definition.description = { 'nl-NL': 'GEHEIM-GEZONDHEID in de beschrijving' };
  hostile.verb = { ...hostile.verb, display: { 'nl-NL': 'GEHEIM-GEZONDHEID in het werkwoord' } };
  (hostile.context as { extensions: Record<string, unknown> }).extensions[EXTENSIONS.courseVersion] = 'GEHEIM-GEZONDHEID in een vrij veld';
  hostile.attachments = [
    {
      usageType: 'https://example.org/attachment/report',
      display: { 'nl-NL': 'GEHEIM-GEZONDHEID verslag' },
      contentType: 'text/plain',
      length: 10,
      sha2: 'a'.repeat(64),
      fileUrl: 'https://example.org/GEHEIM-GEZONDHEID.txt',
    },
  ];
  statements.push(hostile as Statement);
  accreditationIds.push(hostile.id!);
  // The same shape in a course this body does not accredit.
  const otherCourse = { ...course, id: 'https://andere-aanbieder.example/course/iets-anders' };
  statements.push(build.courseCompleted({ course: otherCourse, participant: first.participant, registration: first.registration, id: randomUUID() }));
  return { members, statements, accreditationIds, healthIds, hostileId: hostile.id! };
}
