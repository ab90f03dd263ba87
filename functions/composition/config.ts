/**
 * Runtime configuration, read once from the environment and validated. A missing or malformed
 * variable stops start-up with a message naming it. The README's "Configuration" table lists them.
 */
import * as z from 'zod/mini';
import '../core/zod-locale.js';

export const Config = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** Set only for DynamoDB Local (the local runtime and tests). */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'eu-west-1'),
  /** Issuer (`iss`) of people's JWTs: the Cognito user pool in AWS, the local issuer locally. */
  JWT_ISSUER: z.string().check(z.minLength(1)),
  /** Where the issuer publishes its signing keys (JWKS). */
  JWKS_URL: z.url(),
  /** Expected `aud`/`client_id` of people's JWTs; unset means not checked (local issuer). */
  JWT_AUDIENCE: z.optional(z.string().check(z.minLength(1))),
  /** The Cognito user pool (AWS only): erasure deletes the participant's sign-in there. */
  USER_POOL_ID: z.optional(z.string().check(z.minLength(1))),
  /** homePage of the account in the `authority` Agent of statements stored by xAPI clients. */
  LRS_AUTHORITY_HOMEPAGE: z._default(z.url(), 'https://introductie-pg.nl/xapi-clients'),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration (environment variables): ${problems}`);
  }
  return parsed.data;
}
