/**
 * The composition root of statement forwarding, apart from runtime.ts so that only the functions
 * that forward carry the SQS client in their bundle. In AWS `FORWARD_QUEUE_URL` names the SQS FIFO
 * queue; without it (the local runtime, tests) the queue is the local one persisted in the table,
 * drained by functions/local/forward-worker.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import '../core/zod-locale.js';
import { ConfigError } from './config.js';
import { now, statementStore } from './stores.js';
import { createForwardingTargetStore } from '../adapters/dynamodb/forwarding-target-store.js';
import { createDeliveryStateStore } from '../adapters/dynamodb/delivery-state-store.js';
import { createLocalForwardQueue, type LocalForwardQueue } from '../adapters/dynamodb/local-forward-queue.js';
import { createSqsForwardQueue } from '../adapters/sqs/forward-queue.js';
import { createHttpXapiSender } from '../adapters/http/xapi-sender.js';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from '../core/forwarding/backoff.js';
import type { DeliveryStateStore, ForwardingTargetStore, ForwardQueue, StatementSource, XapiSender } from '../core/forwarding/ports.js';

const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);

export const ForwardingConfig = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'eu-west-1'),
  /** AWS: the SQS FIFO queue of forwarding messages. Unset: the local queue in the table. */
  FORWARD_QUEUE_URL: z.optional(z.url()),
  FORWARD_MAX_ATTEMPTS: positiveInt(DEFAULT_RETRY_SETTINGS.maxAttempts),
  FORWARD_BASE_DELAY_MS: positiveInt(DEFAULT_RETRY_SETTINGS.baseDelayMs),
  FORWARD_MAX_DELAY_MS: positiveInt(DEFAULT_RETRY_SETTINGS.maxDelayMs),
  FORWARD_SEND_TIMEOUT_MS: positiveInt(10_000),
});
export type ForwardingConfig = z.infer<typeof ForwardingConfig>;

export interface ForwardingDeps {
  config: ForwardingConfig;
  now: () => Date;
  targets: ForwardingTargetStore;
  deliveries: DeliveryStateStore;
  queue: ForwardQueue;
  /** Set when there is no SQS queue: the local queue, drained by the local worker. */
  localQueue?: LocalForwardQueue;
  sqs?: { client: SQSClient; queueUrl: string };
  sender: XapiSender;
  statements: StatementSource;
  retry: RetrySettings;
}

let cached: ForwardingDeps | undefined;

export function getForwardingDeps(): ForwardingDeps {
  if (!cached || cached.config.TABLE_NAME !== process.env.TABLE_NAME) cached = buildForwardingDeps(readForwardingConfig(process.env));
  return cached;
}

export function readForwardingConfig(env: NodeJS.ProcessEnv): ForwardingConfig {
  const parsed = ForwardingConfig.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid forwarding configuration (environment variables): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function buildForwardingDeps(config: ForwardingConfig): ForwardingDeps {
  const client = new DynamoDBClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = config.TABLE_NAME;
  const sqs = config.FORWARD_QUEUE_URL ? { client: new SQSClient({ region: config.AWS_REGION }), queueUrl: config.FORWARD_QUEUE_URL } : undefined;
  const localQueue = sqs ? undefined : createLocalForwardQueue({ doc, tableName, now });
  return {
    config,
    now,
    targets: createForwardingTargetStore({ doc, tableName }),
    deliveries: createDeliveryStateStore({ doc, tableName }),
    queue: sqs ? createSqsForwardQueue({ sqs: sqs.client, queueUrl: sqs.queueUrl }) : localQueue!,
    ...(localQueue ? { localQueue } : {}),
    ...(sqs ? { sqs } : {}),
    sender: createHttpXapiSender({ timeoutMs: config.FORWARD_SEND_TIMEOUT_MS }),
    statements: {
      async get(statementId) {
        const stored = (await statementStore().getByIds([statementId])).get(statementId);
        return stored && !stored.voidedBy ? stored.statement : undefined;
      },
    },
    retry: {
      maxAttempts: config.FORWARD_MAX_ATTEMPTS,
      baseDelayMs: config.FORWARD_BASE_DELAY_MS,
      maxDelayMs: config.FORWARD_MAX_DELAY_MS,
      // A claim outlives one send with its timeout.
      leaseMs: Math.max(DEFAULT_RETRY_SETTINGS.leaseMs, config.FORWARD_SEND_TIMEOUT_MS * 3),
    },
  };
}
