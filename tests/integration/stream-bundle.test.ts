/**
 * The stream handler's Lambda bundle, built as the stack builds it (infra/bundling.ts), loads in a
 * fresh Node process and answers a DynamoDB stream event: records that hold no live statement
 * (another item, a void marker, a removal) are no work and no failure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { streamHandlers } from '../../functions/routes.js';
import { bundleHandler } from '../../infra/bundling.js';
import { LAMBDA_TEST_ENV, runInFreshNode } from '../support/fresh-node.js';

const INVOKE = `
import { pathToFileURL } from 'node:url';
const [file, eventJson] = process.argv.slice(1);
const { handler } = await import(pathToFileURL(file).href);
process.stdout.write(JSON.stringify(await handler(JSON.parse(eventJson), {})));
process.exit(0);
`;

let outdir: string;
let file: string;

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'stream-bundle-'));
  file = (await bundleHandler(streamHandlers[0].handler, outdir)).file;
});
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

const record = (sequenceNumber: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', newImage?: Record<string, { S: string }>) => ({
  eventID: sequenceNumber,
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: { SequenceNumber: sequenceNumber, Keys: { pk: newImage?.pk ?? { S: 'STATEMENT#x' }, sk: { S: 'STATEMENT' } }, ...(newImage ? { NewImage: newImage } : {}) },
});

it('loads and reports no failure for records without a live statement', async () => {
  const event = {
    Records: [
      record('1', 'INSERT', { pk: { S: 'USER#u1' }, sk: { S: 'USER' } }),
      record('2', 'INSERT', { pk: { S: 'STATEMENT#6f1c3e0a-1b2c-4d5e-8f90-0a1b2c3d4e5f' }, sk: { S: 'STATEMENT' }, voidedBy: { S: '7a1c3e0a-1b2c-4d5e-8f90-0a1b2c3d4e5f' } }),
      record('3', 'REMOVE'),
    ],
  };
  const child = await runInFreshNode(INVOKE, [file, JSON.stringify(event)], LAMBDA_TEST_ENV);
  expect(child.code, child.stderr).toBe(0);
  expect(JSON.parse(child.stdout)).toEqual({ batchItemFailures: [] });
});
