/**
 * The query string of GET /xapi/statements (Communication 2.1.3). Values arrive as strings and are
 * validated "to the same standards required for values of the same types in Statements"
 * (Data 2.2.s4.b4). Unknown or miscased parameters are a 400 (Communication 3.2.s2.b1, s3.b8).
 */
import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { AgentParam } from './agents.js';
import { Iri, parseWith, timestampToMs, Uuid } from './statement-schema.js';

export const STATEMENT_FORMATS = ['ids', 'exact', 'canonical'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

const booleanParam = z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).transform((value) => value === 'true');

/** since/until come back as UTC ISO strings, so Date.parse reads them the same everywhere. */
const timestampParam = z
  .string()
  .refine((value) => timestampToMs(value) !== undefined, 'must be an ISO 8601 timestamp, e.g. "2024-05-01T12:30:00.000Z"')
  .transform((value) => new Date(timestampToMs(value)!).toISOString());

export const StatementQueryParams = z.strictObject({
  statementId: Uuid.optional(),
  voidedStatementId: Uuid.optional(),
  agent: AgentParam.optional(),
  verb: Iri.optional(),
  activity: Iri.optional(),
  registration: Uuid.optional(),
  related_activities: booleanParam.default(false),
  related_agents: booleanParam.default(false),
  since: timestampParam.optional(),
  until: timestampParam.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a non-negative whole number (0 means as many as the LRS allows)')
    .transform(Number)
    .refine(Number.isSafeInteger, 'is too large')
    .default(0),
  format: z.enum(STATEMENT_FORMATS, { error: 'must be "ids", "exact" or "canonical"' }).default('exact'),
  attachments: booleanParam.default(false),
  ascending: booleanParam.default(false),
  /** Opaque paging cursor from a previous page's "more" link. */
  more: z.string().min(1, 'must not be empty').optional(),
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
