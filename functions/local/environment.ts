/**
 * The local runtime's configuration: what AWS would give the Lambda functions (table name,
 * issuer, JWKS), pointed at DynamoDB Local and the local token issuer. Set on process.env before
 * any handler module loads, so the handlers read their config exactly as they do in Lambda.
 */
import { join } from 'node:path';
import { loadOrCreateSigningKey } from '../core/auth/local-issuer.js';

export interface LocalEnvironmentOptions {
  dataDir: string;
  baseUrl: string;
  tableName: string;
  dynamoEndpoint: string;
}

export async function prepareLocalEnvironment(opts: LocalEnvironmentOptions): Promise<Record<string, string>> {
  const { privateJwk, publicJwks } = await loadOrCreateSigningKey(join(opts.dataDir, 'jwt-signing-key.json'));
  return {
    TABLE_NAME: opts.tableName,
    DYNAMODB_ENDPOINT: opts.dynamoEndpoint,
    AWS_REGION: 'eu-west-1',
    // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    JWT_ISSUER: opts.baseUrl,
    JWKS_URL: `${opts.baseUrl}/.well-known/jwks.json`,
    LRS_AUTHORITY_HOMEPAGE: `${opts.baseUrl}/xapi-clients`,
    // Local runtime only: the issuer's keys, so the login and JWKS handlers need no key service.
    LOCAL_JWT_PRIVATE_JWK: JSON.stringify(privateJwk),
    LOCAL_JWT_PUBLIC_JWKS: JSON.stringify(publicJwks),
  };
}
