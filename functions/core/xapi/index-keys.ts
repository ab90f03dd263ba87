/**
 * Index keys: the strings a statement can be found under for GET /xapi/statements filters. A query
 * turns its filters into the keys a match must carry (queryKeysOf), walks the most selective one
 * (chooseDrivingKey) and checks the rest on each candidate.
 *
 * Matching follows Communication 2.1.3 table 1:
 * - agent: Actor or Object; "Groups that have members which match the specified Agent ... are
 *   considered a match", so members of a Group in those places are indexed too;
 * - related_agents: also Authority, Instructor, Team, xAPI 2.0's Context Agents and Context Groups,
 *   and the same inside a SubStatement;
 * - activity: the Object when it is an Activity; related_activities: also every context Activity
 *   and the same inside a SubStatement.
 */
import { agentKey, type Identifiable } from './agents.js';
import type { Activity, Context, Statement, StatementObject } from './statement-schema.js';

/** The filter part of a parsed statement query (see query-params.ts). */
export interface QueryFilters {
  agent?: Identifiable | undefined;
  verb?: string | undefined;
  activity?: string | undefined;
  registration?: string | undefined;
  related_activities?: boolean | undefined;
  related_agents?: boolean | undefined;
}

interface ActorLike extends Identifiable {
  member?: readonly Identifiable[] | undefined;
}

/** The keys of a Group and of its members, or of an Agent. */
function keysOfActor(actor: ActorLike | undefined): string[] {
  if (!actor) return [];
  const own = agentKey(actor);
  const members = (actor.member ?? []).map(agentKey);
  return [own, ...members].filter((key): key is string => key !== undefined);
}

function objectActor(object: StatementObject): ActorLike | undefined {
  return object.objectType === 'Agent' || object.objectType === 'Group' ? object : undefined;
}

function objectActivity(object: StatementObject): Activity | undefined {
  return object.objectType === undefined || object.objectType === 'Activity' ? object : undefined;
}

function contextActivityIds(context: Context | undefined): string[] {
  const lists = Object.values(context?.contextActivities ?? {});
  return lists.flatMap((value) => (Array.isArray(value) ? value : value ? [value] : [])).map((activity) => activity.id);
}

function contextAgents(context: Context | undefined): string[] {
  return [
    ...keysOfActor(context?.instructor),
    ...keysOfActor(context?.team),
    ...(context?.contextAgents ?? []).flatMap((contextAgent) => keysOfActor(contextAgent.agent)),
    ...(context?.contextGroups ?? []).flatMap((contextGroup) => keysOfActor(contextGroup.group)),
  ];
}

export function indexKeysOf(statement: Statement): string[] {
  const keys = new Set<string>();
  const add = (prefix: string, values: readonly string[]) => values.forEach((value) => keys.add(`${prefix}|${value}`));

  const direct = [...keysOfActor(statement.actor), ...keysOfActor(objectActor(statement.object))];
  const related = [...direct, ...keysOfActor(statement.authority), ...contextAgents(statement.context)];
  const activity = objectActivity(statement.object);
  const relatedActivities = [...(activity ? [activity.id] : []), ...contextActivityIds(statement.context)];

  const sub = statement.object.objectType === 'SubStatement' ? statement.object : undefined;
  if (sub) {
    related.push(...keysOfActor(sub.actor), ...keysOfActor(objectActor(sub.object)), ...contextAgents(sub.context));
    const subActivity = objectActivity(sub.object);
    relatedActivities.push(...(subActivity ? [subActivity.id] : []), ...contextActivityIds(sub.context));
  }

  add('agent', direct);
  add('ragent', related);
  add('verb', [statement.verb.id]);
  if (activity) add('activity', [activity.id]);
  add('ractivity', relatedActivities);

  const registration = statement.context?.registration?.toLowerCase();
  if (registration) {
    add('registration', [registration]);
    // Every key the agent filter can match, so agent+registration finds exactly what agent does.
    add('agentreg', direct.map((key) => `${key}|${registration}`));
  }
  add('authority', keysOfActor(statement.authority));
  return [...keys];
}

export function queryKeysOf(filters: QueryFilters): { required: string[] } {
  const required: string[] = [];
  const agent = filters.agent ? agentKey(filters.agent) : undefined;
  const registration = filters.registration?.toLowerCase();
  if (agent) required.push(filters.related_agents ? `ragent|${agent}` : `agent|${agent}`);
  if (filters.activity) required.push(filters.related_activities ? `ractivity|${filters.activity}` : `activity|${filters.activity}`);
  if (filters.verb) required.push(`verb|${filters.verb}`);
  if (registration) required.push(`registration|${registration}`);
  if (agent && registration && !filters.related_agents) required.push(`agentreg|${agent}|${registration}`);
  return { required };
}

/** Most selective first: one person's enrolment, an enrolment, an activity, a person, ... */
const SELECTIVITY = ['agentreg', 'registration', 'activity', 'agent', 'ractivity', 'ragent', 'verb'] as const;

/** The key to walk; `all` (every statement in seq order) when nothing is filtered. */
export function chooseDrivingKey(required: readonly string[]): string {
  for (const kind of SELECTIVITY) {
    const key = required.find((candidate) => candidate.startsWith(`${kind}|`));
    if (key) return key;
  }
  return required[0] ?? 'all';
}
