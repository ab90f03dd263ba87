import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeStatement, parseStatement, parseStatements, type Statement } from '../../../functions/core/xapi/statement-schema.js';
import { statement } from './arbitraries.js';
import { pathsOf } from './helpers.js';

const STATEMENT_KEYS = new Set(['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);

function contextActivityValues(s: Statement): unknown[] {
  const contexts = [s.context, s.object.objectType === 'SubStatement' ? s.object.context : undefined];
  return contexts.flatMap((context) => Object.values(context?.contextActivities ?? {}));
}

describe('statement schema properties', () => {
  it('accepts every generated valid statement and returns it unchanged', () => {
    fc.assert(
      fc.property(statement, (input) => {
        expect(parseStatement(input)).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts generated batches and keeps their order', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), (batch) => {
        const { statements, wasArray } = parseStatements(batch);
        expect(wasArray).toBe(true);
        expect(statements).toEqual(batch);
      }),
      { numRuns: 50 },
    );
  });

  it('normalizes to arrays only, idempotently, and the result is still valid', () => {
    fc.assert(
      fc.property(statement, (input) => {
        const parsed = parseStatement(input);
        const once = normalizeStatement(parsed);
        expect(normalizeStatement(once)).toEqual(once);
        expect(parseStatement(once)).toEqual(once);
        expect(contextActivityValues(once).every(Array.isArray)).toBe(true);
        // Nothing but contextActivities changes.
        expect({ ...once, context: undefined, object: undefined }).toEqual({ ...parsed, context: undefined, object: undefined });
      }),
      { numRuns: 300 },
    );
  });

  it('does not change its input', () => {
    fc.assert(
      fc.property(statement, (input) => {
        const parsed = parseStatement(input);
        const before = structuredClone(parsed);
        normalizeStatement(parsed);
        expect(parsed).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects any property the spec does not define, naming it', () => {
    const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !STATEMENT_KEYS.has(key) && key !== '__proto__');
    fc.assert(
      fc.property(statement, unknownKey, fc.jsonValue(), (input, key, value) => {
        const expectedPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `statement.${key}` : `statement[${JSON.stringify(key)}]`;
        expect(pathsOf(() => parseStatements({ ...input, [key]: value }))).toContain(expectedPath);
      }),
      { numRuns: 100 },
    );
  });
});
