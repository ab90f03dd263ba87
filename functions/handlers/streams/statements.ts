/**
 * The table's DynamoDB stream → the readiness projection. Every statement stored, by our app or by
 * any xAPI client, updates the readiness of its enrolment. In AWS an event source mapping calls
 * this with batches of statement items (functions/routes.ts, streamHandlers); locally the stream
 * poller (functions/local/stream-poller.ts) calls the very same function.
 *
 * Statements the app stored were applied right after storing already; applying them again changes
 * nothing. Records of enrolments that failed are reported as batch item failures, so the event
 * source retries from there (and, after its retries, hands them to the on-failure queue).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { statementOfRecord, type StreamedStatement } from '../../adapters/dynamodb/statement-stream.js';
import { readinessDeps } from '../../composition/route-deps.js';
import { ReadinessUpdateError, updateReadiness, type ReadinessDeps } from '../../core/readiness/update-readiness.js';

export function createStatementStreamHandler(resolveDeps: () => ReadinessDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const failed = new Set<string>();
    const streamed: Array<StreamedStatement & { sequenceNumber: string }> = [];
    for (const record of event.Records ?? []) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      try {
        const statement = statementOfRecord(record);
        if (statement) streamed.push({ ...statement, sequenceNumber });
      } catch (error) {
        log('a stream record holds a malformed statement item', { sequenceNumber, error });
        failed.add(sequenceNumber);
      }
    }
    // Stored order: the seq sorts by stored time and keeps a batch's order.
    streamed.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
    try {
      await updateReadiness(resolveDeps())(streamed.map((s) => s.statement));
    } catch (error) {
      const ids = error instanceof ReadinessUpdateError ? new Set(error.failedStatementIds) : undefined;
      for (const s of streamed) if (!ids || ids.has(s.statement.id)) failed.add(s.sequenceNumber);
      log('readiness update from the stream failed', { statementIds: ids ? [...ids] : streamed.map((s) => s.statement.id), error });
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

export const handler = createStatementStreamHandler(readinessDeps);

function log(message: string, details: { error: unknown } & Record<string, unknown>): void {
  const { error, ...rest } = details;
  console.error(JSON.stringify({ level: 'error', message, ...rest, error: error instanceof Error ? { name: error.name, message: error.message, cause: String(error.cause ?? '') } : String(error) }));
}
