/**
 * The IRIs of the course's xAPI Profile (xapi-profiles/introductie-pg.json) as constants, so the
 * builders and the projections never spell an IRI twice. The profile document is the authority;
 * tests/unit/profile checks that every constant here is used in it as written.
 *
 * Reused before minted (DESIGN.md "xAPI everywhere"):
 * - ADL verbs and activity types: the ADL vocabulary profile (https://w3id.org/xapi/adl) and the
 *   ADL terms that ADL's SCORM profile (https://w3id.org/xapi/scorm) describes: completed, passed,
 *   failed, responded, course, module, lesson, assessment, profile.
 * - `cmi.interaction`: ADL's activity type for interactions (xAPI-Data 2.4.4.1; used by the SCORM
 *   profile's interaction template).
 * - cmi5: the masteryscore context extension.
 * - Tin Can registry: the survey activity type (registry.tincanapi.com, "A survey where the
 *   respondent answers questions"); not in our offline copy of that registry, but widely used.
 * Minted (under https://introductie-pg.nl/xapi/): only what none of those has.
 */

/** Where minted IRIs live. */
export const MINTED_BASE = 'https://introductie-pg.nl/xapi/';

/** The home page of participant and coach accounts (actor.account.homePage). */
export const ACCOUNT_HOME_PAGE = 'https://introductie-pg.nl';

export const PROFILE_ID = 'https://introductie-pg.nl/xapi/profile';
/** The current profile version: statements carry it in context.contextActivities.category. */
export const PROFILE_VERSION_ID = 'https://introductie-pg.nl/xapi/profile/v1';

export const VERBS = {
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  responded: 'http://adlnet.gov/expapi/verbs/responded',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  preferred: 'http://adlnet.gov/expapi/verbs/preferred',
  attended: 'http://adlnet.gov/expapi/verbs/attended',
  /** Minted: the module opened the contact moment to the participant (the gate). */
  unlocked: 'https://introductie-pg.nl/xapi/verbs/unlocked',
} as const;
export type VerbName = keyof typeof VERBS;

/** Verb display names: English (as in the ADL vocabulary) and Dutch for the course's LRS views. */
export const VERB_DISPLAY: Record<VerbName, { en: string; nl: string }> = {
  experienced: { en: 'experienced', nl: 'heeft doorgenomen' },
  answered: { en: 'answered', nl: 'heeft beantwoord' },
  responded: { en: 'responded', nl: 'heeft gereageerd op' },
  completed: { en: 'completed', nl: 'heeft afgerond' },
  attempted: { en: 'attempted', nl: 'is begonnen aan' },
  passed: { en: 'passed', nl: 'is geslaagd voor' },
  failed: { en: 'failed', nl: 'is niet geslaagd voor' },
  preferred: { en: 'preferred', nl: 'heeft gekozen' },
  attended: { en: 'attended', nl: 'heeft bijgewoond' },
  unlocked: { en: 'unlocked', nl: 'heeft toegang gekregen tot' },
};

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  /** A work moment: a content aggregation one level below the course. */
  module: 'http://adlnet.gov/expapi/activities/module',
  /** A content page. */
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  /** The final test, and a knowledge check (as the parent of its questions). */
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  /** A question, a reflection prompt, the follow-up choice. */
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
  survey: 'http://id.tincanapi.com/activitytype/survey',
  /** The profile version in context.contextActivities.category. */
  profile: 'http://adlnet.gov/expapi/activities/profile',
  /** Minted: a reflection item (the parent of its prompts). */
  reflection: 'https://introductie-pg.nl/xapi/activitytype/reflection',
  /** Minted: filling in one's own spinnenweb. */
  spinnenweb: 'https://introductie-pg.nl/xapi/activitytype/spinnenweb',
  /** Minted: a do-and-experience assignment, done in real life and reported on. */
  assignment: 'https://introductie-pg.nl/xapi/activitytype/do-and-experience-assignment',
} as const;

export const EXTENSIONS = {
  /** Context: the course content versionId the statement was made under. */
  courseVersion: 'https://introductie-pg.nl/xapi/extensions/course-version',
  /** Context: a random id per page load (tab), so the server can check each session's time reports. */
  sessionId: 'https://introductie-pg.nl/xapi/extensions/session-id',
  /** Context: [startIso, endIso] pairs of active time measured by the browser. */
  activeIntervals: 'https://introductie-pg.nl/xapi/extensions/active-intervals',
  /** Context: coaching or inspiratiesessie. */
  contactForm: 'https://introductie-pg.nl/xapi/extensions/contact-form',
  /** Result: { dimensionId: grade } (private, never gates anything). */
  spinnenwebScores: 'https://introductie-pg.nl/xapi/extensions/spinnenweb-scores',
  /** Result: { fieldId: answer } of a course form (assignment report, evaluation). */
  formAnswers: 'https://introductie-pg.nl/xapi/extensions/form-answers',
  /** Result: the accredited study hours of a completed course. */
  studyHours: 'https://introductie-pg.nl/xapi/extensions/study-hours',
  /** Context (cmi5): the scaled score needed to pass. */
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;

const TEMPLATE_BASE = 'https://introductie-pg.nl/xapi/templates/';

export const TEMPLATES = {
  pageExperienced: `${TEMPLATE_BASE}page-experienced`,
  checkExperienced: `${TEMPLATE_BASE}check-experienced`,
  reflectionExperienced: `${TEMPLATE_BASE}reflection-experienced`,
  spinnenwebExperienced: `${TEMPLATE_BASE}spinnenweb-experienced`,
  evaluationExperienced: `${TEMPLATE_BASE}evaluation-experienced`,
  choiceExperienced: `${TEMPLATE_BASE}choice-experienced`,
  knowledgeCheckAnswered: `${TEMPLATE_BASE}knowledge-check-answered`,
  reflectionWritten: `${TEMPLATE_BASE}reflection-written`,
  spinnenwebFilledIn: `${TEMPLATE_BASE}spinnenweb-filled-in`,
  assignmentReported: `${TEMPLATE_BASE}assignment-reported`,
  finalTestAttempted: `${TEMPLATE_BASE}final-test-attempted`,
  finalTestPassed: `${TEMPLATE_BASE}final-test-passed`,
  finalTestFailed: `${TEMPLATE_BASE}final-test-failed`,
  evaluationSubmitted: `${TEMPLATE_BASE}evaluation-submitted`,
  followUpChosen: `${TEMPLATE_BASE}follow-up-chosen`,
  contactMomentUnlocked: `${TEMPLATE_BASE}contact-moment-unlocked`,
  contactMomentAttended: `${TEMPLATE_BASE}contact-moment-attended`,
  courseCompleted: `${TEMPLATE_BASE}course-completed`,
} as const;
export type TemplateName = keyof typeof TEMPLATES;

const PATTERN_BASE = 'https://introductie-pg.nl/xapi/patterns/';

export const PATTERNS = {
  /** Primary: everything in one registration, from the first page to completion. */
  course: `${PATTERN_BASE}course`,
  /** One work moment: one or more statements about its items. */
  workMoment: `${PATTERN_BASE}work-moment`,
} as const;

/**
 * Statements of these templates carry health-related personal data (GDPR art. 9; DESIGN.md
 * "Privacy"): reflections, spinnenweb grades and assignment reports. Only the participant (and,
 * with consent, their coach) may read them; accreditation reports and forwarded statements never
 * contain them.
 */
export const PRIVATE_TEMPLATES: readonly string[] = [TEMPLATES.reflectionWritten, TEMPLATES.spinnenwebFilledIn, TEMPLATES.assignmentReported];
