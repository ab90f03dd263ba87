/**
 * Runs an ES module script in a fresh Node process with exactly the environment given. A bundle
 * loaded in the test's own process would share its module cache, its environment (e.g. a
 * DynamoDB Local endpoint) and vitest's transforms, and so prove little about Lambda.
 */
import { execFile } from 'node:child_process';

/**
 * A Lambda-like environment for loading bundles: the variables config.ts requires, no AWS
 * credentials, and nothing of the test process (such as a DynamoDB Local endpoint).
 */
export const LAMBDA_TEST_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'x',
  JWT_ISSUER: 'http://localhost/issuer',
  JWKS_URL: 'http://localhost/jwks.json',
  AWS_REGION: 'eu-west-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export interface FreshNodeResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runInFreshNode(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 20_000,
): Promise<FreshNodeResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', script, '--', ...args],
      { env: { ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // A non-zero exit is a result to report; a spawn failure or timeout is not.
        if (error && (typeof error.code !== 'number' || error.killed)) {
          reject(new Error(`node child failed: ${error.message}\n${stderr}`, { cause: error }));
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
