/**
 * `npm run rebuild-projections`: rebuilds the readiness projection of every enrolment from the
 * statements in the LRS (functions/core/readiness/rebuild-readiness.ts), e.g. after a change to the
 * fold or the study-time rules, or for enrolments from before the projection existed.
 *
 *   npm run rebuild-projections
 *       the local runtime's table in its data folder (.local, or LOCAL_DATA_DIR); stop `npm start` first
 *   TABLE_NAME=… [DYNAMODB_ENDPOINT=…] npm run rebuild-projections
 *       a given table: in AWS (with credentials), or a running DynamoDB Local (its endpoint is
 *       printed by `npm start`, the table is introductie-pg-local)
 *
 * Safe to run while statements arrive: every write is conditional on the version read, and the
 * increments that follow apply on top of the rebuilt record.
 */
import { fileURLToPath } from 'node:url';
import { Config } from '../composition/config.js';
import { buildDeps } from '../composition/runtime.js';
import { rebuildReadiness, type RebuildSummary } from '../core/readiness/rebuild-readiness.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { acquireInstanceLock } from './instance-lock.js';
import { findFreePort } from './preflight.js';
import { readLocalSettings } from './settings.js';
import { LocalStartupError } from './startup-error.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCAL_TABLE_NAME = 'introductie-pg-local';

/** Rebuilds every readiness record of the table; the core of the command, for tests. */
export async function rebuildProjections(target: { tableName: string; endpoint?: string; region?: string; authorityHomePage?: string }): Promise<RebuildSummary> {
  // The composition root, so the gate statement gets the same authority as from the handlers.
  const config = Config.parse({
    TABLE_NAME: target.tableName,
    ...(target.endpoint ? { DYNAMODB_ENDPOINT: target.endpoint } : {}),
    ...(target.region ? { AWS_REGION: target.region } : {}),
    ...(target.authorityHomePage ? { LRS_AUTHORITY_HOMEPAGE: target.authorityHomePage } : {}),
    // Not used here: the command authenticates nobody.
    JWT_ISSUER: 'rebuild-projections',
    JWKS_URL: 'https://rebuild-projections.invalid/jwks.json',
  });
  const deps = buildDeps(config, {});
  return rebuildReadiness(deps)({ onProgress: (registration, outcome) => outcome !== 'rebuilt' && console.log(`  ${registration}: ${outcome}`) });
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const started = Date.now();
  let summary: RebuildSummary;
  if (process.env.TABLE_NAME) {
    if (process.env.DYNAMODB_ENDPOINT) {
      // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
      process.env.AWS_ACCESS_KEY_ID ||= 'local';
      process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
    }
    summary = await rebuildProjections({
      tableName: process.env.TABLE_NAME,
      ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
      ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}),
      ...(process.env.LRS_AUTHORITY_HOMEPAGE ? { authorityHomePage: process.env.LRS_AUTHORITY_HOMEPAGE } : {}),
    });
  } else {
    const settings = readLocalSettings(process.env, REPO_ROOT);
    if (!settings.dbPath) throw new LocalStartupError('DYNAMO_IN_MEMORY=1 has no data to rebuild; run against the running instance with TABLE_NAME and DYNAMODB_ENDPOINT.');
    // npm start holds this lock; its DynamoDB Local owns the folder while it runs.
    const lock = acquireInstanceLock(settings.dataDir);
    const db = await startDynamoDbLocal({ port: await findFreePort(), dbPath: settings.dbPath });
    try {
      process.env.AWS_ACCESS_KEY_ID ||= 'local';
      process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
      summary = await rebuildProjections({ tableName: LOCAL_TABLE_NAME, endpoint: db.endpoint, authorityHomePage: `http://localhost:${settings.port}/xapi-clients` });
    } finally {
      await db.stop();
      lock.release();
    }
  }
  console.log(`Rebuilt ${summary.rebuilt} readiness record(s) in ${((Date.now() - started) / 1000).toFixed(1)} s (${summary.empty} enrolment(s) without statements, ${summary.unknown} unknown).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof LocalStartupError ? error.message : error);
    process.exit(1);
  });
}
