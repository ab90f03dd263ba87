/**
 * Statements as the table's DynamoDB stream carries them: the new image of a statement item
 * (statement-items.ts) becomes the stored statement. What is no live statement yields nothing:
 * other items, removals, void markers (no body yet), and voided statements (the fold leaves
 * them out; the voiding statement arrives as a record of its own).
 */
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { StatementJson } from '../../core/xapi/statement-store.js';
import { toStoredStatement, type Item } from './statement-items.js';

export const STATEMENT_ITEM_PK_PREFIX = 'STATEMENT#';

export interface StreamedStatement {
  statement: StatementJson;
  /** The statement's time-ordered key: sorting by it sorts by stored time, batch order kept. */
  seq: string;
}

/** The live statement a stream record carries, if any. Throws MalformedStatementItemError for a broken item. */
export function statementOfRecord(record: DynamoDBRecord): StreamedStatement | undefined {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return undefined;
  const image = record.dynamodb?.NewImage;
  if (!image?.pk?.S?.startsWith(STATEMENT_ITEM_PK_PREFIX) || image.body?.S === undefined || image.voidedBy !== undefined) return undefined;
  const stored = toStoredStatement(plainItem(image));
  return stored ? { statement: stored.statement, seq: stored.seq } : undefined;
}

/** The attributes a statement item has (strings and a list of strings), as plain values. */
function plainItem(image: Record<string, AttributeValue>): Item {
  const item: Item = {};
  for (const [name, value] of Object.entries(image)) {
    if (value.S !== undefined) item[name] = value.S;
    else if (value.L !== undefined) item[name] = value.L.map((entry) => entry.S ?? entry);
    else if (value.N !== undefined) item[name] = Number(value.N);
    else if (value.SS !== undefined) item[name] = [...value.SS];
  }
  return item;
}
