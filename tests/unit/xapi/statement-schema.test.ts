/**
 * Which statements the LRS accepts and rejects, following the requirements the ADL conformance
 * suite checks (XAPI-000xx numbers in the test names). Fixtures are our own.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement, parseStatements } from '../../../functions/core/xapi/statement-schema.js';
import {
  makeAccountAgent,
  makeActivity,
  makeAgent,
  makeAttachment,
  makeChoiceActivity,
  makeContext,
  makeDefinition,
  makeGroup,
  makeIdentifiedGroup,
  makeResult,
  makeStatement,
  makeStatementRef,
  makeSubStatement,
  makeVerb,
} from './fixtures.js';
import { issuesOf, pathsOf, validationErrorOf } from './helpers.js';

type Json = Record<string, unknown>;

const accepts = (statement: Json) => expect(() => parseStatements(statement)).not.toThrow();
const rejectedAt = (statement: Json) => pathsOf(() => parseStatements(statement));

const withDefinition = (definition: Json) => makeStatement({ object: makeActivity({ definition }) });
const withSubStatement = (overrides: Json) => makeStatement({ object: makeSubStatement(overrides) });

describe('valid statements are accepted', () => {
  it.each<[string, Json]>([
    ['a minimal statement without id', makeStatement({ id: undefined })],
    [
      'a statement using every property',
      makeStatement({
        result: makeResult(),
        context: makeContext(),
        timestamp: '2024-05-01T10:00:00.123+02:00',
        stored: '2024-05-01T08:00:01.000Z',
        authority: makeAccountAgent(),
        version: '1.0.0',
        attachments: [makeAttachment()],
      }),
    ],
    ['an actor without objectType (XAPI-00034)', makeStatement({ actor: { mbox: 'mailto:ann@example.nl' } })],
    ['an actor identified by mbox_sha1sum', makeStatement({ actor: { mbox_sha1sum: 'CD9B00A5611F94EAA7B1661EDAB976068E364975' } })],
    ['an actor identified by openid', makeStatement({ actor: { openid: 'http://openid.example.org/12345' } })],
    ['an actor identified by account', makeStatement({ actor: makeAccountAgent() })],
    ['an anonymous Group as actor', makeStatement({ actor: makeGroup() })],
    ['an identified Group as actor, members optional', makeStatement({ actor: makeIdentifiedGroup({ member: undefined }) })],
    ['an Agent as object', makeStatement({ object: makeAgent() })],
    ['a Group as object', makeStatement({ object: makeGroup() })],
    ['a StatementRef as object', makeStatement({ object: makeStatementRef() })],
    ['an Activity without objectType', makeStatement({ object: { id: 'urn:example:activity:1' } })],
    ['a SubStatement with result, context and a StatementRef object', withSubStatement({ result: makeResult(), context: makeContext({ revision: undefined, platform: undefined }), object: makeStatementRef() })],
    ['a SubStatement with a timestamp in the future', withSubStatement({ timestamp: '2999-01-01T00:00:00Z' })],
    ['a voiding statement (XAPI-00017)', makeStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: makeStatementRef() })],
    ['an authority Group for 3-legged OAuth (XAPI-00100)', makeStatement({ authority: { objectType: 'Group', member: [makeAccountAgent(), makeAgent()] } })],
    ['context activities as single objects (0.95 style)', makeStatement({ context: { contextActivities: { parent: makeActivity(), grouping: makeActivity(), category: makeActivity(), other: makeActivity() } } })],
    ['revision and platform with an Activity without objectType', makeStatement({ object: { id: 'urn:x:1' }, context: makeContext() })],
    ['extension values that are null, empty or nested (XAPI-00119)', makeStatement({ result: makeResult({ extensions: { 'http://example.com/a': null, 'http://example.com/b': '', 'http://example.com/c': {} } }) })],
    ['an empty extensions map', makeStatement({ context: makeContext({ extensions: {} }) })],
    ['a score with scaled -1 and decimals (XAPI-00002)', makeStatement({ result: { score: { scaled: -1, raw: 0.6767676, min: 0.12, max: 100.67 } } })],
    ['a score where min equals max', makeStatement({ result: { score: { raw: 5, min: 5, max: 5 } } })],
    ['an empty correctResponsesPattern (no answer is correct)', withDefinition({ interactionType: 'fill-in', correctResponsesPattern: [] })],
  ])('%s', (_name, statement) => accepts(statement));

  it.each([
    ['true-false', {}],
    ['choice', { choices: [{ id: 'a' }, { id: 'b' }] }],
    ['fill-in', {}],
    ['long-fill-in', {}],
    ['matching', { source: [{ id: 's' }], target: [{ id: 't' }] }],
    ['performance', { steps: [{ id: 'step' }] }],
    ['sequencing', { choices: [{ id: 'a' }] }],
    ['likert', { scale: [{ id: 'likert_0', description: { 'sr-Latn-RS': 'U redu je' } }] }],
    ['numeric', {}],
    ['other', {}],
  ])('interactionType %s with its component lists (XAPI-00051..63)', (interactionType, lists) => {
    accepts(withDefinition({ type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType, correctResponsesPattern: ['x'], ...lists }));
  });

  it.each(['de', 'de-DE', 'zh-Hant', 'sr-Latn-RS', 'cmn', 'tlh', 'ase', 'zh-Hans-CN', 'es-MX', 'es-419', 'x-private', 'i-klingon', 'en-a-bbb-x-a-ccc'])(
    'language tag %s in a language map and as context.language (XAPI-00013)',
    (tag) => {
      accepts(makeStatement({ verb: makeVerb({ display: { [tag]: 'x' } }), context: makeContext({ language: tag }) }));
    },
  );

  it.each(['PT1H0M0.1S', 'PT4H35M59.14S', 'PT16559.14S', 'P3Y1M29DT4H35M59.14S', 'P3Y', 'P4W', 'P1DT0.5S', 'PT0,5S'])('duration %s (XAPI-00124)', (duration) => {
    accepts(makeStatement({ result: { duration } }));
  });

  it.each([
    '2024-05-01T10:00:00Z',
    '2024-05-01T10:00:00.123456+00:00',
    '2024-05-01T10:00:00+0530',
    '2024-05-01T10:00:00-08',
    '2024-05-01T10:00:00',
    '2024-05-01t10:00z',
    '2016-12-31T23:59:60Z',
    '2999-01-01T00:00:00.000Z',
  ])('timestamp %s (XAPI-00022, XAPI-00123)', (timestamp) => {
    accepts(makeStatement({ timestamp }));
  });

  it.each(['1.0', '1.0.0', '1.0.3', '1.0.9'])('version %s (XAPI-00101)', (version) => accepts(makeStatement({ version })));
});

describe('invalid statements are rejected with the problem path', () => {
  it.each<[string, Json, string]>([
    ['no actor (XAPI-00003)', makeStatement({ actor: undefined }), 'statement.actor'],
    ['no verb (XAPI-00004)', makeStatement({ verb: undefined }), 'statement.verb'],
    ['no object (XAPI-00005)', makeStatement({ object: undefined }), 'statement.object'],
    ['a null name (XAPI-00001)', makeStatement({ actor: makeAgent({ name: null }) }), 'statement.actor.name'],
    ['a null display value', makeStatement({ verb: makeVerb({ display: { 'en-US': null } }) }), 'statement.verb.display["en-US"]'],
    ['a null registration', makeStatement({ context: makeContext({ registration: null }) }), 'statement.context.registration'],
    ['a null moreInfo', withDefinition(makeDefinition({ moreInfo: null })), 'statement.object.definition.moreInfo'],
    ['a number given as string (XAPI-00006)', makeStatement({ result: { score: { max: '100' } } }), 'statement.result.score.max'],
    ['a boolean given as string', makeStatement({ result: { success: 'true' } }), 'statement.result.success'],
    ['a numeric id (XAPI-00007)', makeStatement({ id: 12345 }), 'statement.id'],
    ['an id with too many digits', makeStatement({ id: 'AA97B177-9383-4934-8543-0F91A7A028368' }), 'statement.id'],
    ['an id with a non-hex letter', makeStatement({ id: 'MA97B177-9383-4934-8543-0F91A7A02836' }), 'statement.id'],
    ['a miscased "iD" (XAPI-00008)', makeStatement({ iD: '3f1f4a2e-5b7c-4d8e-9f01-23456789abcd' }), 'statement.iD'],
    ['a miscased "timeStamp"', makeStatement({ timeStamp: '2024-05-01T10:00:00Z' }), 'statement.timeStamp'],
    ['a miscased "attachmentS"', makeStatement({ attachmentS: [makeAttachment()] }), 'statement.attachmentS'],
    ['an unknown property on an Agent (XAPI-00010)', makeStatement({ actor: makeAgent({ email: 'ann@example.nl' }) }), 'statement.actor.email'],
    ['an interactionType in the wrong case (XAPI-00009)', withDefinition({ interactionType: 'choiCe' }), 'statement.object.definition.interactionType'],
    ['an interactionType that is an IRI', withDefinition({ interactionType: 'http://example.com/choice' }), 'statement.object.definition.interactionType'],
    ['a verb id without a scheme (XAPI-00011)', makeStatement({ verb: { id: 'adlnet.gov/expapi/verbs/attended' } }), 'statement.verb.id'],
    ['a verb id with an invalid scheme', makeStatement({ verb: { id: 'ab=c://should.fail.com' } }), 'statement.verb.id'],
    ['an openid without a scheme', makeStatement({ actor: { openid: 'open.id.com/testUser' } }), 'statement.actor.openid'],
    ['an account homePage without a scheme', makeStatement({ actor: { account: { homePage: 'homePage.com/u', name: '1' } } }), 'statement.actor.account.homePage'],
    ['an activity id without a scheme', makeStatement({ object: { id: 'www.example.com/a' } }), 'statement.object.id'],
    ['an activity type without a scheme', withDefinition({ type: 'adlnet.gov/expapi/activities/meeting' }), 'statement.object.definition.type'],
    ['an extension key without a scheme', withDefinition({ extensions: { 'example.com/extension': 1 } }), 'statement.object.definition.extensions["example.com/extension"]'],
    ['an attachment usageType without a scheme', makeStatement({ attachments: [makeAttachment({ usageType: 'example.com/usage' })] }), 'statement.attachments[0].usageType'],
    ['an attachment fileUrl without a scheme', makeStatement({ attachments: [makeAttachment({ fileUrl: 'over.there.com/file.txt' })] }), 'statement.attachments[0].fileUrl'],
    ['actor objectType "agent" (XAPI-00031)', makeStatement({ actor: makeAgent({ objectType: 'agent' }) }), 'statement.actor.objectType'],
    ['object objectType "activity" (XAPI-00046)', makeStatement({ object: makeActivity({ objectType: 'activity' }) }), 'statement.object.objectType'],
    ['object objectType "statementref"', makeStatement({ object: { objectType: 'statementref', id: '8f87ccde-bb56-4c2e-ab83-44982ef22df0' } }), 'statement.object.objectType'],
    ['an actor with no IFI (XAPI-00034)', makeStatement({ actor: { objectType: 'Agent', name: 'Ann' } }), 'statement.actor'],
    ['an actor with two IFIs', makeStatement({ actor: makeAgent({ openid: 'http://openid.example.org/1' }) }), 'statement.actor'],
    ['an mbox without mailto (XAPI-00038)', makeStatement({ actor: { mbox: 'http://should.fail.com' } }), 'statement.actor.mbox'],
    ['an mbox without an address', makeStatement({ actor: { mbox: 'mailto:should.fail.com' } }), 'statement.actor.mbox'],
    ['an mbox_sha1sum that is not a SHA1 (XAPI-00039)', makeStatement({ actor: { mbox_sha1sum: 'abc' } }), 'statement.actor.mbox_sha1sum'],
    ['an account without name (XAPI-00042)', makeStatement({ actor: { account: { homePage: 'https://lms.example.nl' } } }), 'statement.actor.account.name'],
    ['an account with a non-string name', makeStatement({ actor: { account: { homePage: 'https://lms.example.nl', name: { key: 'x' } } } }), 'statement.actor.account.name'],
    ['an anonymous Group without members (XAPI-00035)', makeStatement({ actor: makeGroup({ member: undefined }) }), 'statement.actor.member'],
    ['a Group member that is a Group (XAPI-00037)', makeStatement({ actor: makeGroup({ member: [makeIdentifiedGroup()] }) }), 'statement.actor.member[0].objectType'],
    ['an identified Group with two IFIs (XAPI-00036)', makeStatement({ actor: makeIdentifiedGroup({ openid: 'http://openid.example.org/1' }) }), 'statement.actor'],
    ['a Group member list that is not an array', makeStatement({ object: makeGroup({ member: makeAgent() }) }), 'statement.object.member'],
    ['an Agent as object without objectType (XAPI-00065)', makeStatement({ object: makeAgent({ objectType: undefined }) }), 'statement.object.objectType'],
    ['a SubStatement with an id (XAPI-00068)', withSubStatement({ id: '3f1f4a2e-5b7c-4d8e-9f01-23456789abcd' }), 'statement.object.id'],
    ['a SubStatement with stored', withSubStatement({ stored: '2024-05-01T10:00:00Z' }), 'statement.object.stored'],
    ['a SubStatement with version', withSubStatement({ version: '1.0.0' }), 'statement.object.version'],
    ['a SubStatement with authority', withSubStatement({ authority: makeAgent() }), 'statement.object.authority'],
    ['a nested SubStatement (XAPI-00069)', withSubStatement({ object: makeSubStatement() }), 'statement.object.object.objectType'],
    ['a SubStatement without actor (XAPI-00070)', withSubStatement({ actor: undefined }), 'statement.object.actor'],
    ['a StatementRef without id (XAPI-00072)', makeStatement({ object: { objectType: 'StatementRef' } }), 'statement.object.id'],
    ['a StatementRef id that is not a UUID (XAPI-00073)', makeStatement({ object: makeStatementRef('should fail') }), 'statement.object.id'],
    ['scaled above 1 (XAPI-00079)', makeStatement({ result: { score: { scaled: 1.01 } } }), 'statement.result.score.scaled'],
    ['scaled below -1', makeStatement({ result: { score: { scaled: -1.00001 } } }), 'statement.result.score.scaled'],
    ['raw above max (XAPI-00080)', makeStatement({ result: { score: { raw: 0.68, min: 0, max: 0.66 } } }), 'statement.result.score.raw'],
    ['raw below min', makeStatement({ result: { score: { raw: 0.68, min: 1.4, max: 100 } } }), 'statement.result.score.raw'],
    ['min above max (XAPI-00082)', makeStatement({ result: { score: { min: 0.68, max: 0.67 } } }), 'statement.result.score.min'],
    ['a score that is a number', makeStatement({ result: { score: 12345 } }), 'statement.result.score'],
    ['a response that is a number (XAPI-00077)', makeStatement({ result: { response: 12345 } }), 'statement.result.response'],
    ['a voiding statement whose object is an Activity (XAPI-00019)', makeStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }), 'statement.object'],
    ['revision with an Agent object (XAPI-00087)', makeStatement({ object: makeAgent(), context: makeContext({ platform: undefined }) }), 'statement.context.revision'],
    ['platform with a StatementRef object (XAPI-00088)', makeStatement({ object: makeStatementRef(), context: makeContext({ revision: undefined }) }), 'statement.context.platform'],
    ['platform with a SubStatement object', makeStatement({ object: makeSubStatement(), context: makeContext({ revision: undefined }) }), 'statement.context.platform'],
    ['revision in a SubStatement whose object is a Group', withSubStatement({ object: makeGroup(), context: { revision: 'v1' } }), 'statement.object.context.revision'],
    ['a team that is an Agent (XAPI-00086)', makeStatement({ context: makeContext({ team: makeAgent() }) }), 'statement.context.team.objectType'],
    ['an unknown contextActivities key (XAPI-00093)', makeStatement({ context: { contextActivities: { consequences: [makeActivity()] } } }), 'statement.context.contextActivities.consequences'],
    ['contextActivities that is a string', makeStatement({ context: { contextActivities: 'should fail' } }), 'statement.context.contextActivities'],
    ['a context.statement with a miscased objectType', makeStatement({ context: { statement: { objectType: 'statementref', id: '8f87ccde-bb56-4c2e-ab83-44982ef22df0' } } }), 'statement.context.statement.objectType'],
    ['a registration that is not a UUID', makeStatement({ context: { registration: 'wrong' } }), 'statement.context.registration'],
    ['an authority Agent without IFI (XAPI-00098)', makeStatement({ authority: { objectType: 'Agent' } }), 'statement.authority'],
    ['an identified Group as authority', makeStatement({ authority: { objectType: 'Group', mbox: 'mailto:g@example.nl', member: [makeAccountAgent(), makeAgent()] } }), 'statement.authority'],
    ['an authority Group with three members', makeStatement({ authority: { objectType: 'Group', member: [makeAccountAgent(), makeAgent(), makeAgent()] } }), 'statement.authority.member'],
    ['attachments that are not an array (XAPI-00102)', makeStatement({ attachments: makeAttachment() }), 'statement.attachments'],
    ['an attachment that is a number', makeStatement({ attachments: [12345] }), 'statement.attachments[0]'],
    ['an attachment length that is a string (XAPI-00105)', makeStatement({ attachments: [makeAttachment({ length: 'x' })] }), 'statement.attachments[0].length'],
    ['an attachment length that is fractional', makeStatement({ attachments: [makeAttachment({ length: 1.5 })] }), 'statement.attachments[0].length'],
    ['an attachment sha2 that is a number (XAPI-00106)', makeStatement({ attachments: [makeAttachment({ sha2: 12345 })] }), 'statement.attachments[0].sha2'],
    ['an attachment contentType that is a number', makeStatement({ attachments: [makeAttachment({ contentType: 12345 })] }), 'statement.attachments[0].contentType'],
    ['an attachment without display', makeStatement({ attachments: [makeAttachment({ display: undefined })] }), 'statement.attachments[0].display'],
    ['an attachment display that is a string', makeStatement({ attachments: [makeAttachment({ display: 'should fail' })] }), 'statement.attachments[0].display'],
    ['correctResponsesPattern without interactionType (XAPI-00064)', withDefinition({ correctResponsesPattern: ['true'] }), 'statement.object.definition.correctResponsesPattern'],
    ['choices without interactionType', withDefinition({ choices: [{ id: 'a' }] }), 'statement.object.definition.choices'],
    ['choices on a likert interaction', withDefinition({ interactionType: 'likert', choices: [{ id: 'a' }] }), 'statement.object.definition.choices'],
    ['duplicate interaction component ids', withDefinition({ interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] }), 'statement.object.definition.choices[1].id'],
    ['a definition that is a string (XAPI-00049)', makeStatement({ object: makeActivity({ definition: 'should fail' }) }), 'statement.object.definition'],
    ['a name that is a string (XAPI-00050)', withDefinition({ name: 'not a language map' }), 'statement.object.definition.name'],
    ['a description that is a number', withDefinition({ description: 1234 }), 'statement.object.definition.description'],
    ['an invalid activity in the substatement context', withSubStatement({ context: { contextActivities: { parent: [{ id: 'no scheme' }] } } }), 'statement.object.context.contextActivities.parent[0].id'],
  ])('%s', (_name, statement, path) => {
    expect(rejectedAt(statement)).toContain(path);
  });

  it.each([
    ['something', 'statement.verb.display.something'],
    ['s-something', 'statement.verb.display["s-something"]'],
    ['zh-something-ccc', 'statement.verb.display["zh-something-ccc"]'],
    ['en-something-AU', 'statement.verb.display["en-something-AU"]'],
    ['a12345', 'statement.verb.display.a12345'],
    ['zh-z-aaa-z-bbb-c-ccc', 'statement.verb.display["zh-z-aaa-z-bbb-c-ccc"]'],
    ['de-1996-1996', 'statement.verb.display["de-1996-1996"]'],
    ['en--US', 'statement.verb.display["en--US"]'],
    ['en-', 'statement.verb.display["en-"]'],
  ])('language tag %s (XAPI-00013, XAPI-00121)', (tag, displayPath) => {
    const paths = rejectedAt(makeStatement({ verb: makeVerb({ display: { [tag]: 'x' } }), context: makeContext({ language: tag }) }));
    expect(paths).toEqual([displayPath, 'statement.context.language']);
  });

  it.each(['P4W1D', 'PA1H0M0S', 'should fail', 'P', 'PT', 'P1DT', 'P1.5Y2M', 'PT1H30'])('duration %s', (duration) => {
    expect(rejectedAt(makeStatement({ result: { duration } }))).toContain('statement.result.duration');
  });

  it.each([
    'should fail',
    '01/011/2015',
    '2008-09-15T15:53:00.601-00',
    '2008-09-15T15:53:00.601-0000',
    '2008-09-15T15:53:00.601-00:00',
    '2015-02-29T00:00:00Z',
    '2015-01-01T24:00:00Z',
    '2015-01-01',
    '2015-01-01T10:00:00+25:00',
  ])('timestamp %s (XAPI-00123)', (timestamp) => {
    expect(rejectedAt(makeStatement({ timestamp }))).toContain('statement.timestamp');
  });

  it.each(['0.9.9', '1.1.0', 'should fail', '1.0.'])('version %s (XAPI-00101)', (version) => {
    expect(rejectedAt(makeStatement({ version }))).toContain('statement.version');
  });
});

describe('error messages and paths', () => {
  it('names the first problem of a batch with its index and lists every problem', () => {
    const error = validationErrorOf(() => parseStatements([makeStatement(), makeStatement(), makeStatement({ actor: { mbox: 'ann@example.nl' }, verb: { id: 'x' } }), makeStatement({ version: '2.0' })]));
    expect(error.message).toBe('statements[2].actor.mbox: must start with "mailto:"');
    expect(error.issues.map((issue) => issue.path)).toEqual(['statements[2].actor.mbox', 'statements[2].verb.id', 'statements[3].version']);
  });

  it('uses "statement" for a single object and says what to fix', () => {
    const issues = issuesOf(() => parseStatements(makeStatement({ result: { success: 'true', completion: null } })));
    expect(issues).toEqual([
      { path: 'statement.result.success', message: 'must be a boolean (true or false), not a string' },
      { path: 'statement.result.completion', message: 'must not be null' },
    ]);
  });

  it('reports a required property as required', () => {
    expect(pathsOf(() => parseStatements(makeStatement({ verb: { display: { en: 'x' } } })))).toEqual(['statement.verb.id']);
  });

  it('explains why a miscased or unknown key is rejected', () => {
    const [issue] = issuesOf(() => parseStatements(makeStatement({ Actor: makeAgent() })));
    expect(issue).toEqual({ path: 'statement.Actor', message: expect.stringContaining('case-sensitive') });
  });

  it('says a SubStatement may not carry an id', () => {
    const issues = issuesOf(() => parseStatements(withSubStatement({ id: '3f1f4a2e-5b7c-4d8e-9f01-23456789abcd' })));
    expect(issues).toEqual([{ path: 'statement.object.id', message: 'is not allowed in a SubStatement' }]);
  });

  it('puts an objectType problem first, since it decides how the rest is read', () => {
    const issues = pathsOf(() => parseStatements(makeStatement({ object: makeAgent({ objectType: undefined }) })));
    expect(issues[0]).toBe('statement.object.objectType');
  });

  it('reports a single context activity and an array of them at their own paths', () => {
    const single = pathsOf(() => parseStatements(makeStatement({ context: { contextActivities: { parent: { id: 'nope' } } } })));
    const many = pathsOf(() => parseStatements(makeStatement({ context: { contextActivities: { parent: [makeActivity(), { id: 'nope' }] } } })));
    expect(single).toEqual(['statement.context.contextActivities.parent.id']);
    expect(many).toEqual(['statement.context.contextActivities.parent[1].id']);
  });

  it('rejects a "__proto__" key in a language map or extensions instead of dropping it', () => {
    const body: unknown = JSON.parse(
      JSON.stringify(makeStatement({ verb: makeVerb({ display: { x: 'y' } }), result: { extensions: { x: 1 } } }))
        .replace('"display":{"x"', '"display":{"__proto__"')
        .replace('"extensions":{"x"', '"extensions":{"__proto__"'),
    );
    expect(pathsOf(() => parseStatements(body))).toEqual(['statement.verb.display.__proto__', 'statement.result.extensions.__proto__']);
  });

  it('reports a bad language tag and a bad value of the same map together', () => {
    expect(pathsOf(() => parseStatements(makeStatement({ verb: makeVerb({ display: { en: null, something: 'x' } }) })))).toEqual([
      'statement.verb.display.en',
      'statement.verb.display.something',
    ]);
  });

  it('rejects a body that is not a statement', () => {
    expect(pathsOf(() => parseStatements('hello'))).toEqual(['statement']);
    expect(pathsOf(() => parseStatements(null))).toEqual(['statement']);
  });
});

describe('parseStatements and parseStatement', () => {
  it('tells a batch from a single statement', () => {
    expect(parseStatements(makeStatement()).wasArray).toBe(false);
    const batch = parseStatements([makeStatement(), makeStatement({ id: undefined })]);
    expect(batch.wasArray).toBe(true);
    expect(batch.statements).toHaveLength(2);
  });

  it('returns the statement as sent, without adding anything', () => {
    const statement = makeStatement({ context: { contextActivities: { parent: makeActivity() } } });
    expect(parseStatement(statement)).toEqual(statement);
  });

  it('takes exactly one statement for PUT', () => {
    expect(pathsOf(() => parseStatement([makeStatement()]))).toEqual(['statement']);
    expect(parseStatement(makeStatement()).id).toBe(makeStatement().id);
  });

  it('accepts a statement with an interaction activity as object', () => {
    expect(parseStatement(makeStatement({ object: makeChoiceActivity() })).object).toMatchObject({ id: makeChoiceActivity().id });
  });
});
