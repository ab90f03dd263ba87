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
import { runCommand, withCommandTable, type TableTarget } from './command-table.js';

/** Rebuilds every readiness record of the table; the core of the command, for tests. */
export async function rebuildProjections(target: TableTarget): Promise<RebuildSummary> {
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
  const started = Date.now();
  const summary = await withCommandTable('rebuild-projections', process.env, rebuildProjections);
  console.log(`Rebuilt ${summary.rebuilt} readiness record(s) in ${((Date.now() - started) / 1000).toFixed(1)} s (${summary.empty} enrolment(s) without statements, ${summary.unknown} unknown).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runCommand(main);
