/**
 * The query parameters of the document resources (Communication 2.3, 2.6, 2.7) and of the
 * Activities and Agents resources (2.4, 2.5). Values are validated like the same types in
 * Statements; a missing, malformed or unknown parameter is a 400 that names it (3.2.s2.b1).
 *
 * Whether the request is about one document or a set follows from the id parameter (stateId or
 * profileId): with it, one document; without it, the list of ids (GET) or, for State only, every
 * document of the context (DELETE). PUT and POST always need it.
 */
import * as z from 'zod/mini';
import '../../zod-locale.js';
import { ValidationError, type ErrorIssue } from '../../errors.js';
import { agentKey } from '../agents.js';
import { Agent, Iri, parseWith, timestampToMs, Uuid } from '../statement-schema.js';
import type { DocumentKey, DocumentResource, DocumentSet } from './document-store.js';

export type DocumentMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export type DocumentTarget =
  | { kind: 'one'; key: DocumentKey }
  | { kind: 'set'; set: DocumentSet; since?: string };

/** The `agent` parameter: JSON of an Agent (not a Group, 2.4.s2, 2.6.s3) with exactly one IFI. */
export const AgentObjectParam = z.pipe(z.pipe(z.string(), z.transform((json, payload): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    // zod/mini's transform context has no addIssue; this is the issue classic zod's addIssue made.
    payload.issues.push({ code: 'custom', message: 'is not valid JSON; send an Agent, e.g. {"objectType":"Agent","mbox":"mailto:ann@example.com"}', input: json });
    return z.NEVER;
  }
})), Agent);

const since = z.pipe(z.string().check(z.refine((value) => timestampToMs(value) !== undefined, 'must be an ISO 8601 timestamp, e.g. "2024-05-01T12:30:00.000Z"')), z.transform((value) => new Date(timestampToMs(value)!).toISOString()));

const documentId = (name: string) => z.string().check(z.minLength(1, `must not be empty; give the ${name} of the document`));

const ParamSchemas = {
  activityId: Iri,
  agent: AgentObjectParam,
  registration: z.pipe(Uuid, z.transform((value) => value.toLowerCase())),
  stateId: documentId('stateId'),
  profileId: documentId('profileId'),
  since,
} as const;
type ParamName = keyof typeof ParamSchemas;

interface ResourceParams {
  path: string;
  /** Parameters that place the document (all required except registration). */
  context: readonly ParamName[];
  idParam: 'stateId' | 'profileId';
  /** Whether DELETE without the id deletes the whole set (State only, 2.3.s5). */
  deleteSet: boolean;
}

const RESOURCES: Record<DocumentResource, ResourceParams> = {
  state: { path: '/activities/state', context: ['activityId', 'agent', 'registration'], idParam: 'stateId', deleteSet: true },
  activityProfile: { path: '/activities/profile', context: ['activityId'], idParam: 'profileId', deleteSet: false },
  agentProfile: { path: '/agents/profile', context: ['agent'], idParam: 'profileId', deleteSet: false },
};

const OPTIONAL: ReadonlySet<ParamName> = new Set(['registration', 'since']);

const HINTS: Record<ParamName, string> = {
  activityId: 'the Activity\'s IRI, e.g. activityId=http://example.com/activities/1',
  agent: 'the Agent as JSON, e.g. agent={"mbox":"mailto:ann@example.com"}',
  registration: 'a UUID',
  stateId: 'the id of the state document',
  profileId: 'the id of the profile document',
  since: 'an ISO 8601 timestamp',
};

function fail(summary: string, issues: ErrorIssue[]): never {
  throw new ValidationError(summary, { issues });
}

/** Unknown and missing parameters first, each named; then the values' formats. */
function parseParams(
  query: Record<string, string>,
  allowed: readonly ParamName[],
  required: readonly ParamName[],
  request: string,
): Partial<{ [K in ParamName]: z.infer<(typeof ParamSchemas)[K]> }> {
  const unknown = Object.keys(query).filter((name) => !(allowed as readonly string[]).includes(name));
  if (unknown.length > 0) {
    fail(
      `Unknown query parameter ${unknown.map((name) => `"${name}"`).join(', ')} for ${request}; it takes ${allowed.join(', ')} ` +
        '(names are case-sensitive).',
      unknown.map((name) => ({ path: `query.${name}`, message: `is not a parameter of ${request}` })),
    );
  }
  const missing = required.filter((name) => query[name] === undefined);
  if (missing.length > 0) {
    fail(
      `${request} needs the query parameter${missing.length > 1 ? 's' : ''} ${missing.map((name) => `${name} (${HINTS[name]})`).join(' and ')}.`,
      missing.map((name) => ({ path: `query.${name}`, message: 'required' })),
    );
  }
  const schema = z.strictObject(Object.fromEntries(allowed.map((name) => [name, z.optional(ParamSchemas[name])])));
  return parseWith(schema, query, 'query') as Partial<{ [K in ParamName]: z.infer<(typeof ParamSchemas)[K]> }>;
}

export function parseDocumentParams(resource: DocumentResource, method: DocumentMethod, query: Record<string, string>): DocumentTarget {
  const spec = RESOURCES[resource];
  const request = `${method} ${spec.path}`;
  const hasId = query[spec.idParam] !== undefined;
  const listing = method === 'GET' && !hasId;
  const allowed: ParamName[] = [...spec.context, spec.idParam, ...(method === 'GET' ? (['since'] as const) : [])];

  if (hasId && query.since !== undefined) {
    fail(`"since" filters the list of ids; leave out ${spec.idParam} to get that list, or leave out since to get one document.`, [
      { path: 'query.since', message: `cannot be combined with ${spec.idParam}` },
    ]);
  }
  const idRequired = !hasId && !listing && !(method === 'DELETE' && spec.deleteSet);
  const required = [...spec.context.filter((name) => !OPTIONAL.has(name)), ...(idRequired ? [spec.idParam] : [])];
  const params = parseParams(query, allowed, required, request);

  // The parser required what each resource needs, so what it reads below is there.
  const activityId = params.activityId!;
  const agent = () => agentKey(params.agent!)!;
  const id = params[spec.idParam];
  const registration = params.registration;

  if (id !== undefined) {
    switch (resource) {
      case 'state':
        return { kind: 'one', key: { resource, activityId, agent: agent(), registration: registration ?? null, id } };
      case 'activityProfile':
        return { kind: 'one', key: { resource, activityId, id } };
      case 'agentProfile':
        return { kind: 'one', key: { resource, agent: agent(), id } };
    }
  }
  const set: DocumentSet =
    resource === 'state'
      ? { resource, activityId, agent: agent(), ...(registration ? { registration } : {}) }
      : resource === 'activityProfile'
        ? { resource, activityId }
        : { resource, agent: agent() };
  return { kind: 'set', set, ...(params.since ? { since: params.since } : {}) };
}

/** GET /activities: activityId only. */
export function parseActivityParams(query: Record<string, string>): { activityId: string } {
  const params = parseParams(query, ['activityId'], ['activityId'], 'GET /activities');
  return { activityId: params.activityId! };
}

/** GET /agents: agent only. */
export function parseAgentsParams(query: Record<string, string>): { agent: Agent } {
  const params = parseParams(query, ['agent'], ['agent'], 'GET /agents');
  return { agent: params.agent! };
}
