/**
 * The forwarding functions' Lambda bundles (built as the stack builds them) load in a fresh Node
 * process with the SQS queue configured: the stream handler answers records without a live
 * statement with no work, the forwarder drops a malformed message without failing the batch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleHandler } from '../../infra/bundling.js';
import { LAMBDA_TEST_ENV, runInFreshNode } from '../support/fresh-node.js';

const INVOKE = `
import { pathToFileURL } from 'node:url';
const [file, eventJson] = process.argv.slice(1);
const { handler } = await import(pathToFileURL(file).href);
process.stdout.write(JSON.stringify(await handler(JSON.parse(eventJson), {})));
process.exit(0);
`;
const ENV = { ...LAMBDA_TEST_ENV, FORWARD_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/forward.fifo' };

let outdir: string;
let streamFile: string;
let forwarderFile: string;

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'forwarding-bundles-'));
  streamFile = (await bundleHandler('functions/handlers/streams/forwarding.ts', join(outdir, 'stream'))).file;
  forwarderFile = (await bundleHandler('functions/handlers/queues/forwarder.ts', join(outdir, 'forwarder'))).file;
});
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

it('stream → queue: loads, and records without a live statement are no work', async () => {
  const event = { Records: [{ eventID: '1', eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: '1', Keys: { pk: { S: 'USER#u' }, sk: { S: 'USER' } }, NewImage: { pk: { S: 'USER#u' } } } }] };
  const child = await runInFreshNode(INVOKE, [streamFile, JSON.stringify(event)], ENV);
  expect(child.code, child.stderr).toBe(0);
  expect(JSON.parse(child.stdout)).toEqual({ batchItemFailures: [] });
});

it('forwarder: loads, and drops a malformed message without failing the batch', async () => {
  const event = { Records: [{ messageId: 'm1', receiptHandle: 'r1', body: 'not json', attributes: { MessageGroupId: 'g' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'eu-west-1' }] };
  const child = await runInFreshNode(INVOKE, [forwarderFile, JSON.stringify(event)], ENV);
  expect(child.code, child.stderr).toBe(0);
  expect(JSON.parse(child.stdout)).toEqual({ batchItemFailures: [] });
});
