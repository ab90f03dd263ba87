/**
 * The table's DynamoDB stream → the forwarding queue: every new statement that an enabled target
 * may receive (functions/core/forwarding/policy.ts) becomes a message per target. In AWS an event
 * source mapping calls this (functions/routes.ts, streamHandlers) and the queue is SQS FIFO;
 * locally the stream poller calls it and the queue is the local one in the table.
 *
 * When enqueueing fails the whole batch is reported failed and comes again: the queue drops the
 * copies (deduplication id), and the delivery state stops a second delivery anyway.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { statementOfRecord, type StreamedStatement } from '../../adapters/dynamodb/statement-stream.js';
import { getForwardingDeps } from '../../composition/forwarding.js';
import { enqueueForwarding, type EnqueueDeps } from '../../core/forwarding/enqueue.js';

export function createForwardingStreamHandler(resolveDeps: () => EnqueueDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const streamed: Array<StreamedStatement & { sequenceNumber: string }> = [];
    const malformed: string[] = [];
    for (const record of event.Records ?? []) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      try {
        const statement = statementOfRecord(record);
        if (statement) streamed.push({ ...statement, sequenceNumber });
      } catch (error) {
        // A broken item is not retried forever: the readiness handler reports it already.
        malformed.push(sequenceNumber);
        log('a stream record holds a malformed statement item', { sequenceNumber, error });
      }
    }
    streamed.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
    try {
      await enqueueForwarding(resolveDeps())(streamed);
    } catch (error) {
      log('enqueueing statements for forwarding failed', { statementIds: streamed.map((s) => s.statement.id), error });
      const first = event.Records?.[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
    return { batchItemFailures: [] };
  };
}

export const handler = createForwardingStreamHandler(getForwardingDeps);

function log(message: string, details: { error: unknown } & Record<string, unknown>): void {
  const { error, ...rest } = details;
  console.error(JSON.stringify({ level: 'error', message, ...rest, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) }));
}
