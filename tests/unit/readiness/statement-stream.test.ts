/**
 * From the table's stream to the projection: which records carry a live statement, how the local
 * poller builds Lambda's records and applies the event source filter, and which records the
 * handler reports as failed (only those of the enrolments it could not update).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import { statementOfRecord } from '../../../functions/adapters/dynamodb/statement-stream.js';
import { MalformedStatementItemError } from '../../../functions/adapters/dynamodb/statement-items.js';
import type { ReadinessDeps } from '../../../functions/core/readiness/update-readiness.js';
import { createStatementStreamHandler } from '../../../functions/handlers/streams/statements.js';
import { passesFilter, toLambdaRecord } from '../../../functions/local/stream-poller.js';
import { streamHandlers } from '../../../functions/routes.js';

const SEQ = '001762070400000a1b2c3d40000';

function statementRecord(options: { sequenceNumber?: string; registration?: string; voidedBy?: string; eventName?: 'INSERT' | 'MODIFY' | 'REMOVE'; body?: string } = {}): DynamoDBRecord {
  const id = randomUUID();
  const statement = { id, stored: '2026-11-02T09:00:00.000Z', actor: { mbox: 'mailto:a@b.nl' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://x' }, ...(options.registration ? { context: { registration: options.registration } } : {}) };
  return {
    eventName: options.eventName ?? 'INSERT',
    dynamodb: {
      SequenceNumber: options.sequenceNumber ?? '1',
      Keys: { pk: { S: `STATEMENT#${id}` }, sk: { S: 'STATEMENT' } },
      NewImage: {
        pk: { S: `STATEMENT#${id}` },
        sk: { S: 'STATEMENT' },
        seq: { S: SEQ },
        body: { S: options.body ?? JSON.stringify(statement) },
        indexKeys: { L: [{ S: 'verb|http://adlnet.gov/expapi/verbs/experienced' }] },
        ...(options.voidedBy ? { voidedBy: { S: options.voidedBy } } : {}),
      },
    },
  };
}

describe('statementOfRecord', () => {
  it('reads the live statement of an inserted statement item', () => {
    const streamed = statementOfRecord(statementRecord());
    expect(streamed?.seq).toBe(SEQ);
    expect(streamed?.statement).toMatchObject({ stored: '2026-11-02T09:00:00.000Z', verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } });
  });

  it('ignores voided statements, removals and other items', () => {
    expect(statementOfRecord(statementRecord({ voidedBy: randomUUID() }))).toBeUndefined();
    expect(statementOfRecord(statementRecord({ eventName: 'REMOVE' }))).toBeUndefined();
    expect(statementOfRecord({ eventName: 'INSERT', dynamodb: { NewImage: { pk: { S: 'USER#1' }, sk: { S: 'USER' } } } })).toBeUndefined();
    expect(statementOfRecord({ eventName: 'INSERT', dynamodb: { NewImage: { pk: { S: 'STATEMENT#1' }, sk: { S: 'STATEMENT' }, voidedBy: { S: 'x' } } } })).toBeUndefined();
  });

  it('says so when a statement item is broken', () => {
    expect(() => statementOfRecord(statementRecord({ body: '{"id":' }))).toThrow(MalformedStatementItemError);
  });
});

describe('the local poller', () => {
  it('hands Lambda-shaped records to the handler, with the event source filter of the route table', () => {
    const sdkRecord = {
      eventID: 'e1',
      eventName: 'INSERT' as const,
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-11-02T09:00:00Z'),
        SequenceNumber: '42',
        Keys: { pk: { S: 'STATEMENT#1' }, sk: { S: 'STATEMENT' } },
        NewImage: { pk: { S: 'STATEMENT#1' }, body: { S: '{}' }, blob: { B: new Uint8Array([1, 2]) }, n: { N: '3' }, list: { L: [{ S: 'a' }] } },
        StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
      },
    };
    const record = toLambdaRecord(sdkRecord, 'arn:stream', 'local');
    expect(record).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: 'arn:stream', dynamodb: { ApproximateCreationDateTime: 1793610000, SequenceNumber: '42' } });
    expect(record.dynamodb?.NewImage).toEqual({ pk: { S: 'STATEMENT#1' }, body: { S: '{}' }, blob: { B: 'AQI=' }, n: { N: '3' }, list: { L: [{ S: 'a' }] } });
    const [statements] = streamHandlers;
    expect(passesFilter(statements, record)).toBe(true);
    expect(passesFilter(statements, { ...record, dynamodb: { ...record.dynamodb, NewImage: { pk: { S: 'STATEMENT#1' } } } })).toBe(false);
    expect(passesFilter(statements, { ...record, dynamodb: { ...record.dynamodb, Keys: { pk: { S: 'USER#1' } } } })).toBe(false);
  });
});

describe('the stream handler', () => {
  it('reports the records of the enrolments it could not update, and a broken item, as batch item failures', async () => {
    const failing = randomUUID();
    const fine = randomUUID();
    const deps = {
      readiness: { get: async () => undefined },
      enrolments: {
        getByRegistration: async (registration: string) => {
          if (registration === failing) throw new Error('database unavailable');
          return undefined; // unknown enrolment: ignored
        },
      },
    } as unknown as ReadinessDeps;
    const handler = createStatementStreamHandler(() => deps);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const response = await handler({
        Records: [
          statementRecord({ sequenceNumber: '1', registration: fine }),
          statementRecord({ sequenceNumber: '2', registration: failing }),
          statementRecord({ sequenceNumber: '3', body: 'not json' }),
          statementRecord({ sequenceNumber: '4', registration: failing }),
        ],
      });
      expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['2', '3', '4']);
    } finally {
      console.error = original;
    }
    expect(errors.length).toBe(2);
  });
});
