/**
 * vitest global setup: one in-memory DynamoDB Local for the whole test run. Each test file makes
 * its own table (tests/support/dynamodb.ts), so files never see each other's data.
 */
import type { TestProject } from 'vitest/node';
import { createServer } from 'node:net';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamoEndpoint', db.endpoint);
  return () => db.stop();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
