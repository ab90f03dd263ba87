/**
 * The canonical definition of an Activity (Communication 2.5, Data 2.4.4.1): collected from the
 * statements the LRS stores. The most recently stored definition is merged over the older one:
 * language maps (name, description) and extensions per key, every other property replaced whole.
 * So two statements describing an Activity in two languages give a definition with both (the
 * conformance suite's XAPI-00254).
 *
 * Activities are found where the statement filters find them too: the object, every context
 * Activity, and the same inside a SubStatement.
 */
import type { Activity, ActivityDefinition } from '../statement-schema.js';
import type { StatementJson } from '../statement-store.js';

/** Properties merged key by key; every other property of a newer definition replaces the older one. */
export const MERGED_MAPS = ['name', 'description', 'extensions'] as const;

export function mergeActivityDefinitions(older: ActivityDefinition, newer: ActivityDefinition): ActivityDefinition {
  const merged: ActivityDefinition = { ...older, ...newer };
  for (const map of MERGED_MAPS) {
    if (older[map] !== undefined && newer[map] !== undefined) Object.assign(merged, { [map]: { ...older[map], ...newer[map] } });
  }
  return merged;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An Activity with a definition in some place of a statement, or nothing. */
function definedActivity(value: unknown): { id: string; definition: ActivityDefinition } | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || !isRecord(value.definition)) return undefined;
  if (value.objectType !== undefined && value.objectType !== 'Activity') return undefined;
  return { id: value.id, definition: value.definition as ActivityDefinition };
}

function contextActivities(context: unknown): unknown[] {
  if (!isRecord(context) || !isRecord(context.contextActivities)) return [];
  return Object.values(context.contextActivities).flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function activitiesIn(statement: Json): unknown[] {
  const found = [statement.object, ...contextActivities(statement.context)];
  const object = statement.object;
  if (isRecord(object) && object.objectType === 'SubStatement') found.push(object.object, ...contextActivities(object.context));
  return found;
}

/** The definitions in these statements per Activity id, folded in order (a later one over an earlier one). */
export function activityDefinitionsOf(statements: readonly StatementJson[]): Map<string, ActivityDefinition> {
  const definitions = new Map<string, ActivityDefinition>();
  for (const statement of statements) {
    for (const candidate of activitiesIn(statement)) {
      const activity = definedActivity(candidate);
      if (!activity || Object.keys(activity.definition).length === 0) continue;
      const earlier = definitions.get(activity.id);
      definitions.set(activity.id, earlier ? mergeActivityDefinitions(earlier, activity.definition) : activity.definition);
    }
  }
  return definitions;
}

/**
 * The Activity Object the Activities resource returns. An Activity the LRS knows no definition of
 * is still returned, with its id only (2.5.s2.b1).
 */
export function activityObject(id: string, definition: ActivityDefinition | undefined): Activity & { objectType: 'Activity' } {
  return { objectType: 'Activity', id, ...(definition && Object.keys(definition).length > 0 ? { definition } : {}) };
}
