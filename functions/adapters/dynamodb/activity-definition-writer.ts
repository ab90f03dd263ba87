/**
 * Keeps the canonical activity definitions (activity-definition-items.ts) up to date from stored
 * statements; the statement store calls it right after a batch commits.
 *
 * After, never before: a definition must not come from a statement that was rejected (Communication
 * 2.2: no modification for a rejected request), and the statements stay one transaction whatever
 * the number of activities. One UpdateItem per Activity with a definition in the batch (the batch's
 * definitions folded first, in order). A failure here is logged and does not fail the request: the
 * statements are stored, and the definition is a derived view that the next statement about the
 * Activity brings up to date.
 *
 * Most statements about an Activity repeat its definition word for word, so a container skips a
 * definition identical to one it wrote itself less than SKIP_REPEAT_MS ago. The cost: for that
 * long, a container that sees an older definition again after another container wrote a newer,
 * different one leaves the newer one standing.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activityDefinitionsOf } from '../../core/xapi/documents/activity-definitions.js';
import type { StatementJson } from '../../core/xapi/statement-store.js';
import type { ActivityDefinition } from '../../core/xapi/statement-schema.js';
import { activityDefinitionKey, definitionAttributes } from './activity-definition-items.js';
import { chunk, forEachConcurrently } from './batch-retry.js';

/** An UpdateExpression may be at most 4 KB: `#aNNN = :vNNN, ` is 16 bytes at most. */
const ATTRIBUTES_PER_UPDATE = 200;
const CONCURRENCY = 4;
/** How long a container trusts that a definition it wrote is still the canonical one. */
export const SKIP_REPEAT_MS = 5 * 60_000;
/** Activities remembered per container (the oldest are forgotten first). */
const REMEMBERED = 5_000;

export function createActivityDefinitionWriter(deps: { doc: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
  const { doc, tableName } = deps;
  const now = deps.now ?? Date.now;
  /** Per Activity: the definition this container wrote last, and when. */
  const written = new Map<string, { json: string; at: number }>();

  const isRepeat = (activityId: string, json: string) => {
    const last = written.get(activityId);
    return last !== undefined && last.json === json && now() - last.at < SKIP_REPEAT_MS;
  };
  const remember = (activityId: string, json: string) => {
    written.delete(activityId);
    written.set(activityId, { json, at: now() });
    if (written.size > REMEMBERED) written.delete(written.keys().next().value!);
  };

  async function write(activityId: string, definition: ActivityDefinition, updated: string): Promise<void> {
    for (const part of chunk([...definitionAttributes(definition)], ATTRIBUTES_PER_UPDATE)) {
      const names: Record<string, string> = { '#activityId': 'activityId', '#updated': 'updated' };
      const values: Record<string, unknown> = { ':activityId': activityId, ':updated': updated };
      const sets = part.map(([name, value], i) => {
        names[`#a${i}`] = name;
        values[`:v${i}`] = value;
        return `#a${i} = :v${i}`;
      });
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: activityDefinitionKey(activityId),
          UpdateExpression: `SET #activityId = :activityId, #updated = :updated, ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    }
  }

  return async function recordActivityDefinitions(statements: readonly StatementJson[]): Promise<void> {
    const definitions = activityDefinitionsOf(statements);
    if (definitions.size === 0) return;
    const updated = statements.reduce((latest, s) => (s.stored > latest ? s.stored : latest), '');
    const candidates = [...definitions].map(([activityId, definition]) => ({ activityId, definition, json: JSON.stringify(definition) }));
    await forEachConcurrently(candidates.filter(({ activityId, json }) => !isRepeat(activityId, json)), CONCURRENCY, async ({ activityId, definition, json }) => {
      try {
        await write(activityId, definition, updated);
        remember(activityId, json);
      } catch (error) {
        console.error(
          JSON.stringify({
            level: 'error',
            message: 'Could not record an activity definition; the statements are stored',
            activityId,
            error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
          }),
        );
      }
    });
  };
}
