/**
 * The table a command (npm run rebuild-projections, npm run scorm-export) works on:
 *
 * - TABLE_NAME=… [DYNAMODB_ENDPOINT=…]: a given table, in AWS (with credentials) or in a running
 *   DynamoDB Local (`npm start` prints its endpoint; the table is introductie-pg-local);
 * - otherwise the local runtime's table in its data folder (.local, or LOCAL_DATA_DIR): the
 *   command starts DynamoDB Local on it, so `npm start` must be stopped first.
 */
import { fileURLToPath } from 'node:url';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { acquireInstanceLock } from './instance-lock.js';
import { findFreePort } from './preflight.js';
import { readLocalSettings } from './settings.js';
import { ValidationError } from '../core/errors.js';
import { LocalStartupError } from './startup-error.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCAL_TABLE_NAME = 'introductie-pg-local';

export interface TableTarget {
  tableName: string;
  endpoint?: string;
  region?: string;
  authorityHomePage?: string;
  /** The local runtime's own address, when the target is its table. */
  localBaseUrl?: string;
}

/** Runs `work` on the table the environment names, and stops what it started. */
export async function withCommandTable<T>(command: string, env: NodeJS.ProcessEnv, work: (target: TableTarget) => Promise<T>): Promise<T> {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (env.TABLE_NAME) {
    if (env.DYNAMODB_ENDPOINT) {
      // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
      env.AWS_ACCESS_KEY_ID ||= 'local';
      env.AWS_SECRET_ACCESS_KEY ||= 'local';
    }
    return work({
      tableName: env.TABLE_NAME,
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
      ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
      ...(env.LRS_AUTHORITY_HOMEPAGE ? { authorityHomePage: env.LRS_AUTHORITY_HOMEPAGE } : {}),
    });
  }
  const settings = readLocalSettings(env, REPO_ROOT);
  if (!settings.dbPath) throw new LocalStartupError(`DYNAMO_IN_MEMORY=1 keeps no data for ${command}; run it against the running instance with TABLE_NAME and DYNAMODB_ENDPOINT.`);
  // npm start holds this lock; its DynamoDB Local owns the folder while it runs.
  const lock = acquireInstanceLock(settings.dataDir);
  const db = await startDynamoDbLocal({ port: await findFreePort(), dbPath: settings.dbPath });
  try {
    env.AWS_ACCESS_KEY_ID ||= 'local';
    env.AWS_SECRET_ACCESS_KEY ||= 'local';
    const localBaseUrl = `http://localhost:${settings.port}`;
    return await work({ tableName: LOCAL_TABLE_NAME, endpoint: db.endpoint, authorityHomePage: `${localBaseUrl}/xapi-clients`, localBaseUrl });
  } finally {
    await db.stop();
    lock.release();
  }
}

/** Runs a command's main: a start-up problem or bad input is one line, anything else the whole error. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof LocalStartupError || error instanceof ValidationError ? error.message : error);
    process.exit(1);
  });
}
