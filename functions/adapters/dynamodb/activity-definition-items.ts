/**
 * The activity definition item (pk `ACTIVITY#<activityId>`, sk `DEFINITION`, see
 * document-items.ts): the canonical definition flattened into one attribute per property, with
 * language maps and extensions one attribute per key:
 *
 *   def.name.<language>, def.description.<language>, def.extensions.<IRI>, def.<property>
 *
 * each holding the JSON of its value. So storing a newer definition is one blind UpdateItem that
 * SETs its attributes: per language and per extension it merges with what is there, every other
 * property it replaces (the rule of core/xapi/documents/activity-definitions.ts), with no read
 * first and nothing to race.
 */
import type { ActivityDefinition } from '../../core/xapi/statement-schema.js';
import { MERGED_MAPS } from '../../core/xapi/documents/activity-definitions.js';
import { activityPk, DEFINITION_SK, MalformedDocumentItemError, type Item, type Key } from './document-items.js';

const PREFIX = 'def.';

export function activityDefinitionKey(activityId: string): Key {
  return { pk: activityPk(activityId), sk: DEFINITION_SK };
}

/** Attribute name → JSON of the value, for every property of the definition. */
export function definitionAttributes(definition: ActivityDefinition): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [property, value] of Object.entries(definition)) {
    if (value === undefined) continue;
    if ((MERGED_MAPS as readonly string[]).includes(property)) {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) attributes.set(`${PREFIX}${property}.${key}`, JSON.stringify(entry));
    } else {
      attributes.set(`${PREFIX}${property}`, JSON.stringify(value));
    }
  }
  return attributes;
}

/** The definition the item holds; undefined when it holds no definition attribute. */
export function toActivityDefinition(item: Item): ActivityDefinition | undefined {
  const definition: Record<string, unknown> = {};
  let found = false;
  for (const [name, raw] of Object.entries(item)) {
    if (!name.startsWith(PREFIX)) continue;
    if (typeof raw !== 'string') throw new MalformedDocumentItemError(`${String(item.pk)}/${DEFINITION_SK}`, `${name} is not a string`);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new MalformedDocumentItemError(`${String(item.pk)}/${DEFINITION_SK}`, `${name} is not JSON`);
    }
    found = true;
    const path = name.slice(PREFIX.length);
    const map = MERGED_MAPS.find((candidate) => path.startsWith(`${candidate}.`));
    if (map) {
      const entries = (definition[map] ??= {}) as Record<string, unknown>;
      entries[path.slice(map.length + 1)] = value;
    } else {
      definition[path] = value;
    }
  }
  return found ? (definition as ActivityDefinition) : undefined;
}
