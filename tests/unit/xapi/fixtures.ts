/**
 * Statement factories with overrides. Each returns a fresh, valid value; pass overrides to change
 * or (with `undefined`) remove properties, e.g. makeStatement({ actor: makeGroup(), id: undefined }).
 */
type Json = Record<string, unknown>;

function withOverrides<T extends Json>(base: T, overrides: Json): T {
  const out: Json = { ...base, ...overrides };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as T;
}

export const STATEMENT_ID = '3f1f4a2e-5b7c-4d8e-9f01-23456789abcd';
export const REGISTRATION = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';
export const COURSE_ID = 'https://lms.example.nl/xapi/activities/introductie-pg';

export const makeAgent = (overrides: Json = {}): Json =>
  withOverrides({ objectType: 'Agent', name: 'Ann Deelnemer', mbox: 'mailto:ann@example.nl' }, overrides);

export const makeAccountAgent = (overrides: Json = {}): Json =>
  withOverrides({ objectType: 'Agent', account: { homePage: 'https://lms.example.nl', name: 'u-123' } }, overrides);

export const makeGroup = (overrides: Json = {}): Json =>
  withOverrides(
    { objectType: 'Group', name: 'Inspiratiegroep', member: [makeAgent(), makeAgent({ mbox: 'mailto:bob@example.nl', name: 'Bob' })] },
    overrides,
  );

export const makeIdentifiedGroup = (overrides: Json = {}): Json =>
  withOverrides({ objectType: 'Group', name: 'Coaches', mbox: 'mailto:coaches@example.nl', member: [makeAgent()] }, overrides);

export const makeVerb = (overrides: Json = {}): Json =>
  withOverrides({ id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed', nl: 'voltooide' } }, overrides);

export const makeDefinition = (overrides: Json = {}): Json =>
  withOverrides(
    {
      name: { 'en-US': 'Introduction', nl: 'Introductie' },
      description: { 'en-US': 'The course', nl: 'De cursus' },
      type: 'http://adlnet.gov/expapi/activities/course',
      moreInfo: 'https://lms.example.nl/introductie',
      extensions: { 'https://lms.example.nl/xapi/extensions/hours': 5 },
    },
    overrides,
  );

export const makeActivity = (overrides: Json = {}): Json =>
  withOverrides({ objectType: 'Activity', id: COURSE_ID, definition: makeDefinition() }, overrides);

export const makeChoiceActivity = (overrides: Json = {}): Json =>
  makeActivity({
    id: 'https://lms.example.nl/xapi/activities/question-1',
    definition: {
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: ['a[,]c'],
      choices: [
        { id: 'a', description: { 'en-US': 'A', nl: 'A' } },
        { id: 'b', description: { 'en-US': 'B' } },
        { id: 'c', description: { 'en-US': 'C' } },
      ],
    },
    ...overrides,
  });

export const makeResult = (overrides: Json = {}): Json =>
  withOverrides(
    {
      score: { scaled: 0.95, raw: 95, min: 0, max: 100 },
      success: true,
      completion: true,
      response: 'Alles gedaan',
      duration: 'PT1H0M0S',
      extensions: { 'https://lms.example.nl/xapi/extensions/attempt': 1 },
    },
    overrides,
  );

export const makeContext = (overrides: Json = {}): Json =>
  withOverrides(
    {
      registration: REGISTRATION,
      instructor: makeAgent({ name: 'Cees Coach', mbox: 'mailto:coach@example.nl' }),
      contextActivities: { parent: [makeActivity({ id: 'https://lms.example.nl/xapi/activities/module-1' })] },
      revision: 'v2',
      platform: 'Introductie LMS',
      language: 'nl-NL',
      statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' },
      extensions: { 'https://lms.example.nl/xapi/extensions/session': 'abc' },
    },
    overrides,
  );

export const makeAttachment = (overrides: Json = {}): Json =>
  withOverrides(
    {
      usageType: 'http://adlnet.gov/expapi/attachments/signature',
      display: { 'en-US': 'Certificate' },
      description: { 'en-US': 'The certificate' },
      contentType: 'application/pdf',
      length: 27,
      sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
      fileUrl: 'https://files.example.nl/cert.pdf',
    },
    overrides,
  );

export const makeSubStatement = (overrides: Json = {}): Json =>
  withOverrides(
    {
      objectType: 'SubStatement',
      actor: makeAgent({ mbox: 'mailto:sub@example.nl' }),
      verb: makeVerb({ id: 'http://adlnet.gov/expapi/verbs/attempted' }),
      object: makeActivity({ id: 'https://lms.example.nl/xapi/activities/sub' }),
    },
    overrides,
  );

export const makeStatementRef = (id = '8f87ccde-bb56-4c2e-ab83-44982ef22df0'): Json => ({ objectType: 'StatementRef', id });

export const makeStatement = (overrides: Json = {}): Json =>
  withOverrides({ id: STATEMENT_ID, actor: makeAgent(), verb: makeVerb(), object: makeActivity() }, overrides);

/** A statement as the LRS stores it: completed with stored, authority and version. */
export const makeStoredStatement = (overrides: Json = {}): Json =>
  makeStatement({
    timestamp: '2024-05-01T10:00:00.000Z',
    stored: '2024-05-01T10:00:01.234Z',
    authority: makeAccountAgent({ account: { homePage: 'https://lms.example.nl/clients', name: 'client-1' } }),
    version: '1.0.0',
    ...overrides,
  });

/** Deep copy with every object's keys in reverse order, to show key order does not matter. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)])) as T;
  }
  return value;
}
