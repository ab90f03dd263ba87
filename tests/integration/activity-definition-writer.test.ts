/** The canonical activity definitions on DynamoDB Local: written after a batch, repeats skipped for a while. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createActivityDefinitionWriter, SKIP_REPEAT_MS } from '../../functions/adapters/dynamodb/activity-definition-writer.js';
import { activityDefinitionKey, toActivityDefinition } from '../../functions/adapters/dynamodb/activity-definition-items.js';
import type { StatementJson } from '../../functions/core/xapi/statement-store.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

const ACTIVITY = 'https://voorbeeld.nl/activiteiten/een';
let table: TestTable;
let clock = 1_000_000;

beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => {
  await table?.drop();
});

function statementAbout(name: string): StatementJson {
  return {
    id: crypto.randomUUID(),
    actor: { mbox: 'mailto:a@voorbeeld.nl' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: ACTIVITY, definition: { name: { 'nl-NL': name } } },
    stored: new Date(clock).toISOString(),
  } as unknown as StatementJson;
}

const stored = async () => toActivityDefinition((await table.doc.send(new GetCommand({ TableName: table.tableName, Key: activityDefinitionKey(ACTIVITY) }))).Item ?? {});
const forget = () => table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: activityDefinitionKey(ACTIVITY) }));

describe('the activity definition writer', () => {
  it('writes a definition, skips the same one again for a while, and writes a different one at once', async () => {
    const record = createActivityDefinitionWriter({ doc: table.doc, tableName: table.tableName, now: () => clock });
    await record([statementAbout('Pagina')]);
    expect(await stored()).toEqual({ name: { 'nl-NL': 'Pagina' } });

    // The item is gone: only a write brings it back, so what comes back shows what was written.
    await forget();
    await record([statementAbout('Pagina')]);
    expect(await stored()).toBeUndefined();

    await record([statementAbout('Andere pagina')]);
    expect(await stored()).toEqual({ name: { 'nl-NL': 'Andere pagina' } });

    await forget();
    clock += SKIP_REPEAT_MS;
    await record([statementAbout('Andere pagina')]);
    expect(await stored()).toEqual({ name: { 'nl-NL': 'Andere pagina' } });
  });
});
