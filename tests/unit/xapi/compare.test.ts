import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementsMatch } from '../../../functions/core/xapi/compare.js';
import { normalizeStatement, parseStatement } from '../../../functions/core/xapi/statement-schema.js';
import { statement as anyStatement } from './arbitraries.js';
import {
  makeAccountAgent,
  makeActivity,
  makeAgent,
  makeAttachment,
  makeContext,
  makeDefinition,
  makeGroup,
  makeResult,
  makeStatement,
  makeStatementRef,
  makeStoredStatement,
  makeSubStatement,
  makeVerb,
  reverseKeys,
} from './fixtures.js';

type Json = Record<string, unknown>;

describe('statementsMatch: differences the spec allows', () => {
  it.each<[string, Json, Json]>([
    ['the same statement', makeStatement(), makeStatement()],
    [
      'what the LRS assigns: stored, authority, version',
      makeStoredStatement(),
      makeStoredStatement({ stored: '2030-01-01T00:00:00Z', authority: makeAgent(), version: '1.0.3' }),
    ],
    ['a statement sent again without what the LRS added', makeStoredStatement(), makeStatement({ timestamp: '2024-05-01T10:00:00.000Z' })],
    ['a timestamp the LRS filled in from stored', makeStoredStatement({ timestamp: '2024-05-01T10:00:01.234Z' }), makeStoredStatement({ timestamp: '2031-01-01T00:00:00Z', stored: '2031-01-01T00:00:00Z' })],
    ['no timestamp on one side', makeStoredStatement(), makeStatement()],
    ['the same instant in another zone and precision', makeStatement({ timestamp: '2024-05-01T10:00:00.000Z' }), makeStatement({ timestamp: '2024-05-01T12:00:00.0004+02:00' })],
    ['the id in upper case', makeStatement(), makeStatement({ id: String(makeStatement().id).toUpperCase() })],
    ['no id on one side', makeStatement(), makeStatement({ id: undefined })],
    ['a context activity alone or in an array', makeStatement({ context: { contextActivities: { parent: makeActivity() } } }), makeStatement({ context: { contextActivities: { parent: [makeActivity()] } } })],
    [
      'the same in a SubStatement',
      makeStatement({ object: makeSubStatement({ context: { contextActivities: { other: makeActivity() } } }) }),
      makeStatement({ object: makeSubStatement({ context: { contextActivities: { other: [makeActivity()] } } }) }),
    ],
    ['Group members in another order', makeStatement({ actor: makeGroup() }), makeStatement({ actor: makeGroup({ member: [...(makeGroup().member as Json[])].reverse() }) })],
    ['the domain of an mbox in another case', makeStatement(), makeStatement({ actor: makeAgent({ mbox: 'mailto:ann@EXAMPLE.nl' }) })],
    ['an mbox_sha1sum in upper case', makeStatement({ actor: { mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' } }), makeStatement({ actor: { mbox_sha1sum: 'CD9B00A5611F94EAA7B1661EDAB976068E364975' } })],
    ['UUIDs in the context in upper case', makeStatement({ context: makeContext() }), makeStatement({ context: reverseKeys(makeContext({ registration: 'EC531277-B57B-4C15-8D91-D292C5B2B8F7', language: 'NL-nl' })) })],
    ['a StatementRef id in upper case', makeStatement({ object: makeStatementRef() }), makeStatement({ object: makeStatementRef('8F87CCDE-BB56-4C2E-AB83-44982EF22DF0') })],
    ['another Verb display (not part of the statement)', makeStatement(), makeStatement({ verb: makeVerb({ display: { de: 'abgeschlossen' } }) })],
    ['another Activity Definition (not part of the statement)', makeStatement(), makeStatement({ object: makeActivity({ definition: makeDefinition({ name: { en: 'Renamed' } }) }) })],
    ['duration digits beyond 0.01 s', makeStatement({ result: { duration: 'PT1.2345S' } }), makeStatement({ result: { duration: 'PT1.23S' } })],
    ['attachment language tags in another case', makeStatement({ attachments: [makeAttachment()] }), makeStatement({ attachments: [makeAttachment({ display: { 'EN-us': 'Certificate' } })] })],
    ['keys in another order', makeStatement({ result: makeResult(), context: makeContext() }), reverseKeys(makeStatement({ result: makeResult(), context: makeContext() }))],
  ])('matches: %s', (_name, a, b) => {
    expect(statementsMatch(a, b)).toBe(true);
    expect(statementsMatch(b, a)).toBe(true);
  });
});

describe('statementsMatch: real differences', () => {
  it.each<[string, Json, Json]>([
    ['another verb id (XAPI-00142)', makeStatement(), makeStatement({ verb: makeVerb({ id: 'http://adlnet.gov/expapi/verbs/attempted' }) })],
    ['another id', makeStatement(), makeStatement({ id: '00000000-0000-4000-8000-000000000000' })],
    ['another actor', makeStatement(), makeStatement({ actor: makeAgent({ mbox: 'mailto:bob@example.nl' }) })],
    ['the local part of an mbox in another case', makeStatement(), makeStatement({ actor: makeAgent({ mbox: 'mailto:Ann@example.nl' }) })],
    ['an actor name', makeStatement(), makeStatement({ actor: makeAgent({ name: 'Ann B.' }) })],
    ['objectType left out', makeStatement(), makeStatement({ actor: makeAgent({ objectType: undefined }) })],
    ['another activity id', makeStatement(), makeStatement({ object: makeActivity({ id: 'https://lms.example.nl/other' }) })],
    ['another instant', makeStatement({ timestamp: '2024-05-01T10:00:00.000Z' }), makeStatement({ timestamp: '2024-05-01T10:00:00.001Z' })],
    ['a score', makeStatement({ result: makeResult() }), makeStatement({ result: makeResult({ score: { scaled: 0.9 } }) })],
    ['a duration written differently', makeStatement({ result: { duration: 'PT1H' } }), makeStatement({ result: { duration: 'PT60M' } })],
    ['a result on one side only', makeStatement({ result: { success: true } }), makeStatement()],
    ['an extension value', makeStatement({ context: makeContext() }), makeStatement({ context: makeContext({ extensions: { 'https://lms.example.nl/xapi/extensions/session': 'xyz' } }) })],
    ['another registration', makeStatement({ context: makeContext() }), makeStatement({ context: makeContext({ registration: '00000000-0000-4000-8000-000000000000' }) })],
    ['another context activity', makeStatement({ context: { contextActivities: { parent: [makeActivity()] } } }), makeStatement({ context: { contextActivities: { grouping: [makeActivity()] } } })],
    ['Group members that differ', makeStatement({ actor: makeGroup() }), makeStatement({ actor: makeGroup({ member: [makeAgent()] }) })],
    ['an attachment hash', makeStatement({ attachments: [makeAttachment()] }), makeStatement({ attachments: [makeAttachment({ sha2: 'f'.repeat(64) })] })],
    ['a SubStatement timestamp', makeStatement({ object: makeSubStatement({ timestamp: '2024-01-01T00:00:00Z' }) }), makeStatement({ object: makeSubStatement({ timestamp: '2024-01-02T00:00:00Z' }) })],
    ['a SubStatement actor', makeStatement({ object: makeSubStatement() }), makeStatement({ object: makeSubStatement({ actor: makeAccountAgent() }) })],
  ])('differs: %s', (_name, a, b) => {
    expect(statementsMatch(a, b)).toBe(false);
    expect(statementsMatch(b, a)).toBe(false);
  });
});

describe('statementsMatch properties', () => {
  it('is reflexive and ignores key order and normalization', () => {
    fc.assert(
      fc.property(anyStatement, (input) => {
        const parsed = parseStatement(input);
        expect(statementsMatch(parsed, structuredClone(parsed))).toBe(true);
        expect(statementsMatch(parsed, reverseKeys(parsed))).toBe(true);
        expect(statementsMatch(parsed, normalizeStatement(parsed))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(anyStatement, anyStatement, (a, b) => {
        expect(statementsMatch(a, b)).toBe(statementsMatch(b, a));
      }),
      { numRuns: 200 },
    );
  });

  it('matches a statement with what the LRS stored for it', () => {
    fc.assert(
      fc.property(anyStatement, (input) => {
        const parsed = parseStatement(input);
        const stored = {
          ...normalizeStatement(parsed),
          id: String(parsed.id ?? '').toUpperCase() || undefined,
          stored: '2024-05-01T10:00:00.000Z',
          timestamp: parsed.timestamp ?? '2024-05-01T10:00:00.000Z',
          authority: makeAccountAgent(),
          version: parsed.version ?? '1.0.0',
        };
        expect(statementsMatch(stored, parsed)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('notices another verb', () => {
    fc.assert(
      fc.property(anyStatement, (input) => {
        const other = { ...input, verb: { id: 'urn:x-other:verb' } };
        expect(statementsMatch(input, other)).toBe((input.verb as Json).id === 'urn:x-other:verb');
      }),
      { numRuns: 100 },
    );
  });
});
