/**
 * The completions of a course by date, for the accreditation report: a Query on gsi1
 * `gsi1pk = COMPLETIONS#<courseId>` [AND `gsi1sk BETWEEN <from> AND <to>~`], the certificates
 * themselves (the certificate item carries those attributes, see certificate-store.ts). Never a Scan.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CompletionIndex } from '../../core/accreditation/report.js';
import { CertificateItem, completionsPartition } from './certificate-store.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { GSI1 } from './table-definition.js';
import { queryAllItems } from './query-all.js';

export function createCompletionIndex(deps: { doc: DynamoDBDocumentClient; tableName: string }): CompletionIndex {
  return {
    async list(courseId, range) {
      // Sort keys are `<YYYY-MM-DD>#<registration>`: '~' sorts after '#', so `to~` includes the whole last day.
      const from = range.from ?? '0000-00-00';
      const to = `${range.to ?? '9999-12-31'}~`;
      try {
        const items = await queryAllItems(deps.doc, {
          TableName: deps.tableName,
          IndexName: GSI1.name,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
          ExpressionAttributeValues: { ':pk': completionsPartition(courseId), ':from': from, ':to': to },
        });
        return items.map((item) => {
          const parsed = CertificateItem.safeParse(item);
          if (!parsed.success) throw new MalformedItemError(`certificate ${String(item['pk'])}`, parsed.error);
          return parsed.data;
        });
      } catch (error) {
        throw translateAuthStoreError(error, 'list the completions of a course');
      }
    },
  };
}
