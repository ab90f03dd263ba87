/**
 * What `npm start` reads from the environment, read once and validated, so a typo fails at start
 * with one line naming the variable. (The handlers' own configuration is set by
 * prepareLocalEnvironment and read by functions/composition/config.ts.)
 */
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod/mini';
import '../core/zod-locale.js';
import { LocalStartupError } from './startup-error.js';

const Flag = z.pipe(
  z._default(z.enum(['0', '1', 'false', 'true'], { error: 'must be 1 (or true) or 0 (or false)' }), '0'),
  z.transform((value) => value === '1' || value === 'true'),
);

export const LocalEnv = z.object({
  /** Port of the local HTTP server (app and /xapi). */
  PORT: z._default(
    z.pipe(z.string().check(z.regex(/^\d{1,5}$/, 'must be a port number (1-65535)')), z.transform(Number)).check(
      z.refine((port) => port >= 1 && port <= 65535, 'must be a port number (1-65535)'),
    ),
    3000,
  ),
  /** 1: a throw-away in-memory DynamoDB Local instead of the folder <data dir>/dynamodb. */
  DYNAMO_IN_MEMORY: Flag,
  /** Folder for the database, the signing key and the pid lock; default .local at the repo root. */
  LOCAL_DATA_DIR: z.optional(z.string().check(z.minLength(1))),
  /** Fixed key/secret for the demo xAPI client (else key demo-lrs-client and a fresh secret). */
  LRS_DEMO_KEY: z.optional(z.string().check(z.minLength(1))),
  LRS_DEMO_SECRET: z.optional(z.string().check(z.minLength(1))),
});

export interface LocalSettings {
  port: number;
  inMemory: boolean;
  dataDir: string;
  /** Undefined for the in-memory database. */
  dbPath: string | undefined;
  lrsKey: string | undefined;
  lrsSecret: string | undefined;
}

export function readLocalSettings(env: NodeJS.ProcessEnv, repoRoot: string): LocalSettings {
  const parsed = LocalEnv.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new LocalStartupError(`Invalid environment for npm start: ${problems}`);
  }
  const { PORT, DYNAMO_IN_MEMORY, LOCAL_DATA_DIR, LRS_DEMO_KEY, LRS_DEMO_SECRET } = parsed.data;
  const dataDir = LOCAL_DATA_DIR ? (isAbsolute(LOCAL_DATA_DIR) ? LOCAL_DATA_DIR : resolve(LOCAL_DATA_DIR)) : join(repoRoot, '.local');
  return {
    port: PORT,
    inMemory: DYNAMO_IN_MEMORY,
    dataDir,
    dbPath: DYNAMO_IN_MEMORY ? undefined : join(dataDir, 'dynamodb'),
    lrsKey: LRS_DEMO_KEY,
    lrsSecret: LRS_DEMO_SECRET,
  };
}

/** `PORT= npm start` means "not set", as it does for most tools. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
