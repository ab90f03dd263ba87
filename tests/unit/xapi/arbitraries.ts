/**
 * fast-check generators of valid xAPI 1.0.3 statements, covering every object type, Groups,
 * interaction activities, single and array context activities and SubStatements.
 */
import * as fc from 'fast-check';

type Json = Record<string, unknown>;

export const languageTag = fc.constantFrom('en', 'en-US', 'en-GB', 'nl', 'nl-NL', 'de-DE', 'zh-Hant', 'sr-Latn-RS', 'es-419', 'und', 'tlh');
export const languageMap = fc.dictionary(languageTag, fc.string({ maxLength: 12 }), { minKeys: 1, maxKeys: 4 });

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._~-]{0,10}$/);
export const iri = fc
  .tuple(fc.constantFrom('http://', 'https://', 'urn:x-'), segment, fc.array(segment, { maxLength: 3 }))
  .map(([scheme, host, path]) => `${scheme}${host}${path.map((part) => `/${part}`).join('')}`);

const account = fc.record({ homePage: iri, name: fc.string({ minLength: 1, maxLength: 10 }) });
const ifi: fc.Arbitrary<Json> = fc.oneof(
  fc.emailAddress().map((email) => ({ mbox: `mailto:${email}` })),
  fc.stringMatching(/^[0-9a-f]{40}$/).map((hash) => ({ mbox_sha1sum: hash })),
  iri.map((openid) => ({ openid })),
  account.map((value) => ({ account: value })),
);
const optionalName = fc.option(fc.string({ maxLength: 10 }), { nil: undefined }).map((name) => (name === undefined ? {} : { name }));

export const agent = (objectTypeRequired = false): fc.Arbitrary<Json> =>
  fc
    .tuple(ifi, optionalName, objectTypeRequired ? fc.constant(true) : fc.boolean())
    .map(([identifier, name, withType]) => ({ ...(withType ? { objectType: 'Agent' } : {}), ...name, ...identifier }));

export const group: fc.Arbitrary<Json> = fc.oneof(
  fc.tuple(fc.array(agent(), { minLength: 1, maxLength: 3 }), optionalName).map(([member, name]) => ({ objectType: 'Group', ...name, member })),
  fc
    .tuple(ifi, optionalName, fc.option(fc.array(agent(), { maxLength: 3 }), { nil: undefined }))
    .map(([identifier, name, member]) => ({ objectType: 'Group', ...name, ...identifier, ...(member ? { member } : {}) })),
);

export const actor = fc.oneof(agent(), group);

export const verb = fc.record({ id: iri, display: languageMap }, { requiredKeys: ['id'] });

const extensions = fc.dictionary(iri, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });

const components = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9_]{1,8}$/), { minLength: 1, maxLength: 4 })
  .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), description: languageMap }, { requiredKeys: ['id'] }))));

const interaction: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('true-false', 'fill-in', 'long-fill-in', 'numeric', 'other').map((interactionType) => ({ interactionType })),
  fc.tuple(fc.constantFrom('choice', 'sequencing'), components).map(([interactionType, choices]) => ({ interactionType, choices })),
  components.map((scale) => ({ interactionType: 'likert', scale })),
  fc.tuple(components, components).map(([source, target]) => ({ interactionType: 'matching', source, target })),
  components.map((steps) => ({ interactionType: 'performance', steps })),
);

const definition: fc.Arbitrary<Json> = fc
  .tuple(
    fc.record({ name: languageMap, description: languageMap, type: iri, moreInfo: iri, extensions }, { requiredKeys: [] }),
    fc.option(
      fc.tuple(interaction, fc.option(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), { nil: undefined })).map(([base, pattern]) => ({
        ...base,
        ...(pattern ? { correctResponsesPattern: pattern } : {}),
      })),
      { nil: undefined },
    ),
  )
  .map(([base, interactionPart]) => ({ ...base, ...(interactionPart ?? {}) }));

export const activity: fc.Arbitrary<Json> = fc
  .record({ objectType: fc.constant('Activity'), id: iri, definition }, { requiredKeys: ['id'] });

const statementRef = fc.uuid().map((id) => ({ objectType: 'StatementRef', id }));

const oneOrMany = fc.oneof(activity, fc.array(activity, { minLength: 1, maxLength: 2 }));
const contextActivities = fc.record({ parent: oneOrMany, grouping: oneOrMany, category: oneOrMany, other: oneOrMany }, { requiredKeys: [] });

/** revision and platform are only generated when the object is an Activity. */
const context = (objectIsActivity: boolean): fc.Arbitrary<Json> =>
  fc.record(
    {
      registration: fc.uuid(),
      instructor: actor,
      team: group,
      contextActivities,
      ...(objectIsActivity ? { revision: fc.string({ maxLength: 6 }), platform: fc.string({ maxLength: 6 }) } : {}),
      language: languageTag,
      statement: statementRef,
      extensions,
    },
    { requiredKeys: [] },
  );

const score = fc
  .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }))
  .chain(([scaled, values]) => {
    const [min, raw, max] = [...values].sort((a, b) => a - b) as [number, number, number];
    return fc.record({ scaled: fc.constant(scaled), raw: fc.constant(raw), min: fc.constant(min), max: fc.constant(max) }, { requiredKeys: [] });
  });

const duration = fc.oneof(
  fc.tuple(fc.nat(99), fc.nat(59), fc.nat(5999)).map(([h, m, cs]) => `PT${h}H${m}M${(cs / 100).toFixed(2)}S`),
  fc.nat(52).map((weeks) => `P${weeks}W`),
  fc.tuple(fc.nat(9), fc.nat(11), fc.nat(30)).map(([y, mo, d]) => `P${y}Y${mo}M${d}D`),
);

const result = fc.record(
  { score, success: fc.boolean(), completion: fc.boolean(), response: fc.string({ maxLength: 10 }), duration, extensions },
  { requiredKeys: [] },
);

export const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const attachment = fc.record(
  {
    usageType: iri,
    display: languageMap,
    description: languageMap,
    contentType: fc.constantFrom('text/plain', 'application/pdf', 'image/png; charset=binary'),
    length: fc.nat(),
    sha2: fc.stringMatching(/^[0-9a-f]{64}$/),
    fileUrl: iri,
  },
  { requiredKeys: ['usageType', 'display', 'contentType', 'length', 'sha2'] },
);

type ObjectKind = 'activity' | 'other';
const objectWithKind = (inner: fc.Arbitrary<Json>): fc.Arbitrary<[Json, ObjectKind]> =>
  fc.oneof(
    activity.map((value): [Json, ObjectKind] => [value, 'activity']),
    fc.oneof(agent(true), group, statementRef, inner).map((value): [Json, ObjectKind] => [value, 'other']),
  );

/** Statement-like record: actor, verb, object and the optional parts both levels share. */
const core = (inner: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  objectWithKind(inner).chain(([object, kind]) =>
    fc
      .record(
        { actor, verb, result, context: context(kind === 'activity'), timestamp, attachments: fc.array(attachment, { maxLength: 2 }) },
        { requiredKeys: ['actor', 'verb'] },
      )
      .map((rest) => ({ ...rest, object })),
  );

const noSubStatement = fc.oneof(activity, agent(true), group, statementRef);
export const subStatement: fc.Arbitrary<Json> = core(noSubStatement).map((rest) => ({ objectType: 'SubStatement', ...rest }));

/** Any valid statement a client may send (no stored, authority is optional). */
export const statement: fc.Arbitrary<Json> = fc
  .tuple(core(subStatement), fc.option(fc.uuid(), { nil: undefined }), fc.option(fc.constantFrom('1.0.0', '1.0.3'), { nil: undefined }))
  .map(([rest, id, version]) => ({ ...(id ? { id } : {}), ...rest, ...(version ? { version } : {}) }));
