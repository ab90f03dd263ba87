/**
 * A Lambda `Context` for one local invocation. Handlers (and middy's timeout-aware middlewares)
 * read awsRequestId, functionName and getRemainingTimeInMillis(); the rest is there so code that
 * logs the context sees the shape it sees in AWS.
 */
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  functionName: string;
  awsRequestId: string;
  timeoutMs: number;
  memoryLimitInMB?: number;
  now?: () => number;
}

export function createLambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const { functionName, awsRequestId } = options;
  const unsupported = (name: string) => () => {
    // The callback-style completion methods were removed from the Node.js runtimes; fail loudly.
    throw new Error(`context.${name}() is not supported: return (or throw) from the async handler instead.`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

/** "functions/handlers/xapi/statements-get.ts" → "local-xapi-statements-get". */
export function functionNameFor(handlerPath: string): string {
  const name = handlerPath
    .replace(/^functions\/handlers\//, '')
    .replace(/\.[cm]?[jt]s$/, '')
    .replace(/[^A-Za-z0-9-_]+/g, '-');
  return `local-${name}`;
}
