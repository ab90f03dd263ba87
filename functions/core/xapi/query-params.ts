/**
 * The query string of GET /xapi/statements (Communication 2.1.3). Values arrive as strings and are
 * validated "to the same standards required for values of the same types in Statements"
 * (Data 2.2.s4.b4). Unknown or miscased parameters are a 400 (Communication 3.2.s2.b1, s3.b8).
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import { ValidationError } from '../errors.js';
import { AgentParam } from './agents.js';
import { Iri, parseWith, timestampToMs, Uuid } from './statement-schema.js';

export const STATEMENT_FORMATS = ['ids', 'exact', 'canonical'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

const booleanParam = z.pipe(z.enum(['true', 'false'], { error: 'must be "true" or "false"' }), z.transform((value) => value === 'true'));

/** since/until come back as UTC ISO strings, so Date.parse reads them the same everywhere. */
const timestampParam = z.pipe(z.string().check(z.refine((value) => timestampToMs(value) !== undefined, 'must be an ISO 8601 timestamp, e.g. "2024-05-01T12:30:00.000Z"')), z.transform((value) => new Date(timestampToMs(value)!).toISOString()));

export const StatementQueryParams = z.strictObject({
  statementId: z.optional(Uuid),
  voidedStatementId: z.optional(Uuid),
  agent: z.optional(AgentParam),
  verb: z.optional(Iri),
  activity: z.optional(Iri),
  registration: z.optional(Uuid),
  related_activities: z._default(booleanParam, false),
  related_agents: z._default(booleanParam, false),
  since: z.optional(timestampParam),
  until: z.optional(timestampParam),
  limit: z._default(
    z.pipe(z.string().check(z.regex(/^\d+$/, 'must be a non-negative whole number (0 means as many as the LRS allows)')), z.transform(Number)).check(
      z.refine(Number.isSafeInteger, 'is too large'),
    ),
    0,
  ),
  format: z._default(z.enum(STATEMENT_FORMATS, { error: 'must be "ids", "exact" or "canonical"' }), 'exact'),
  attachments: z._default(booleanParam, false),
  ascending: z._default(booleanParam, false),
  /** Opaque paging cursor from a previous page's "more" link. */
  more: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
});
export type StatementQuery = z.infer<typeof StatementQueryParams>;

const KNOWN = new Set(Object.keys(StatementQueryParams.shape));
/** With statementId or voidedStatementId only these may be sent as well (Communication 2.1.3.s2.b2). */
const ALLOWED_WITH_ID = new Set(['statementId', 'voidedStatementId', 'attachments', 'format']);

function reject(issues: { path: string; message: string }[], summary: string): never {
  throw new ValidationError(summary, { issues });
}

export function parseStatementQuery(query: Record<string, string | undefined>): StatementQuery {
  const present = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const names = Object.keys(present);

  const unknown = names.filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    reject(
      unknown.map((name) => ({ path: `query.${name}`, message: 'is not a parameter of GET /statements (names are case-sensitive)' })),
      `Unknown query parameter ${unknown.map((name) => `"${name}"`).join(', ')}. Parameter names are case-sensitive.`,
    );
  }
  if ('statementId' in present && 'voidedStatementId' in present) {
    reject([{ path: 'query.voidedStatementId', message: 'cannot be combined with statementId' }], 'Send statementId or voidedStatementId, not both.');
  }
  if ('statementId' in present || 'voidedStatementId' in present) {
    const extra = names.filter((name) => !ALLOWED_WITH_ID.has(name));
    if (extra.length > 0) {
      const idName = 'statementId' in present ? 'statementId' : 'voidedStatementId';
      reject(
        extra.map((name) => ({ path: `query.${name}`, message: `cannot be combined with ${idName}` })),
        `With ${idName} only "attachments" and "format" may be sent; remove ${extra.join(', ')}.`,
      );
    }
  }
  return parseWith(StatementQueryParams, present, 'query');
}
