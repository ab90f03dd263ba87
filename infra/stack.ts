/**
 * The module in AWS: one DynamoDB table (functions/adapters/dynamodb/table-definition.ts), a
 * Cognito user pool for people, an HTTP API, and one Lambda function per route of
 * functions/routes.ts. Everything is derived from those two contracts, so a new route or index
 * reaches AWS without touching this file.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, UserPool, UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
  type Attribute,
  type GlobalSecondaryIndexProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, EventSourceMapping, FilterCriteria, FilterRule, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NodejsFunction, OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { ROLES } from '../functions/core/auth/principal.js';
import { createTableInput, TTL_ATTRIBUTE } from '../functions/adapters/dynamodb/table-definition.js';
import { routeId, routes, streamHandlers, type RouteDef, type StreamHandlerDef } from '../functions/routes.js';
import { handlerBundleOptions, PROJECT_ROOT } from './bundling.js';
import { WEB_ASSETS_FOLDER, WEB_HANDLERS } from './web-build.js';

export { WEB_HANDLERS };

/** Where the SCORM schema files are, relative to the project root. */
export const SCORM_SCHEMAS_DIR = 'functions/core/scorm/xsd';

/** What each kind of route may do in the user pool (RouteDef.signIns). */
export const SIGN_IN_ACTIONS = {
  delete: ['cognito-idp:AdminDeleteUser'],
  launch: [
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminSetUserPassword',
    'cognito-idp:AdminInitiateAuth',
  ],
} as const;

export interface IntroductieStackProps extends StackProps {
  /** homePage of the authority account on statements stored by xAPI clients (config.ts default if unset). */
  readonly lrsAuthorityHomepage?: string;
}

/**
 * IAM actions per table access level: only the calls the adapters make. TransactWriteItems and
 * TransactGetItems are not IAM actions; DynamoDB authorizes each item of a transaction as its
 * PutItem / UpdateItem / DeleteItem / ConditionCheckItem / GetItem, hence ConditionCheckItem.
 */
export const TABLE_ACTIONS = {
  none: [],
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Record<RouteDef['table'], readonly string[]>;

export class IntroductieStack extends Stack {
  public readonly table: Table;
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  public readonly api: HttpApi;
  public forwardQueue!: Queue;

  public constructor(scope: Construct, id: string, props: IntroductieStackProps = {}) {
    super(scope, id, props);

    // The name is CloudFormation's to choose; only the shape is taken from the shared definition.
    const definition = createTableInput('unused');
    const indexes = globalSecondaryIndexesFrom(definition);
    this.table = new Table(this, 'Table', {
      ...tablePropsFrom(definition),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      // The statements are the accreditation record: never lost to a stack deletion.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of indexes) {
      this.table.addGlobalSecondaryIndex(index);
    }

    // People sign in with Cognito; admins create accounts (no self sign-up: enrolment is managed).
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new UserPoolGroup(this, `Group-${role}`, { userPool: this.userPool, groupName: role });
    }
    this.userPoolClient = this.userPool.addClient('WebClient', {
      // A browser app cannot keep a secret; SRP keeps the password off the wire.
      generateSecret: false,
      // SRP for people; admin password auth only for the SCORM launch function, which signs LMS
      // learners in with a one-time random password (adapters/cognito/launch-sessions.ts).
      authFlows: { userSrp: true, adminUserPassword: true },
      preventUserExistenceErrors: true,
    });

    // Same URL as Cognito puts in `iss`, built like HttpUserPoolAuthorizer builds it.
    const issuer = `https://cognito-idp.${this.region}.${this.urlSuffix}/${this.userPool.userPoolId}`;
    const jwtAuthorizer = new HttpJwtAuthorizer('PeopleJwt', issuer, {
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Introductie Positieve Gezondheid: xAPI LRS and LMS API',
      // xAPI clients are often browser pages on another origin; the xAPI spec expects CORS.
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Experience-API-Version', 'If-Match', 'If-None-Match'],
        exposeHeaders: ['ETag', 'Last-Modified', 'X-Experience-API-Version', 'X-Experience-API-Consistent-Through', 'Location'],
        maxAge: Duration.hours(1),
      },
    });

    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      JWT_ISSUER: issuer,
      JWKS_URL: `${issuer}/.well-known/jwks.json`,
      JWT_AUDIENCE: this.userPoolClient.userPoolClientId,
      ...(props.lrsAuthorityHomepage ? { LRS_AUTHORITY_HOMEPAGE: props.lrsAuthorityHomepage } : {}),
    };

    const tableResources = [
      this.table.tableArn,
      ...indexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`),
    ];
    // Functions that send to the forwarding queue (wired below, once the queue exists).
    const forwardQueueSenders: NodejsFunction[] = [];
    const deployedRoutes: readonly RouteDef[] = routes.filter((route: RouteDef) => !route.localOnly);
    // One function per handler module: routes that share a handler (GET and HEAD of a resource)
    // share its function and integration. Functions that may do exactly the same share an
    // execution role, made once per permission set. (CloudFormation allows 500 resources per
    // stack; a role and its policy per function would pass that.)
    const roles = new Map<string, Role>();
    const roleFor = (route: RouteDef): Role => {
      const key = permissionSet(route);
      let role = roles.get(key);
      if (role) return role;
      role = new Role(this, `RouteRole${roles.size + 1}`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `route functions that may: ${key}`,
        managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      // The erasure routes delete the participant's Cognito user, and may do nothing else there.
      if (route.signIns) {
        role.addToPolicy(new PolicyStatement({ actions: [...SIGN_IN_ACTIONS[route.signIns]], resources: [this.userPool.userPoolArn] }));
      }
      const actions = TABLE_ACTIONS[route.table];
      if (actions.length > 0) role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: tableResources }));
      roles.set(key, role);
      return role;
    };
    for (const group of routesByHandler(deployedRoutes)) {
      const route = group[0]!;
      const name = constructName(route);
      const role = roleFor(route);
      const fn = new NodejsFunction(this, name, {
        entry: join(PROJECT_ROOT, route.handler),
        handler: 'handler',
        projectRoot: PROJECT_ROOT,
        depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
        description: group.map(routeId).join(', '),
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout: Duration.seconds(10),
        environment: route.signIns ? { ...environment, USER_POOL_ID: this.userPool.userPoolId } : environment,
        bundling: route.handler.startsWith(WEB_HANDLERS)
          ? { ...nodejsBundling(), commandHooks: webAssetsHook() }
          : route.files === 'scorm-schemas'
            ? { ...nodejsBundling(), commandHooks: scormSchemasHook() }
            : nodejsBundling(),
        role,
        // Our own log group, so retention is set without the LogRetention custom resource. Logs
        // may name people; a month bounds that, and they go with the stack (unlike the table).
        logGroup: new LogGroup(this, `${name}Logs`, {
          retention: RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      });
      if (route.forwardQueue) forwardQueueSenders.push(fn);
      const integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      for (const each of group) {
        this.api.addRoutes({
          path: each.path,
          methods: [HttpMethod[each.method]],
          integration,
          // xAPI (HTTP Basic) and public routes check credentials in the handler, if at all.
          ...(each.auth.kind === 'jwt' ? { authorizer: jwtAuthorizer } : {}),
        });
      }
    }

    // Stream handlers (functions/routes.ts): e.g. every statement stored → the readiness projection.
    for (const def of streamHandlers as readonly StreamHandlerDef[]) {
      const fn = new NodejsFunction(this, def.name, {
        entry: join(PROJECT_ROOT, def.handler),
        handler: 'handler',
        projectRoot: PROJECT_ROOT,
        depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
        description: streamFunctionDescription(def),
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        // A batch of 100 records; a rare refold reads one enrolment's whole history.
        timeout: Duration.seconds(STREAM_FUNCTION_TIMEOUT_SECONDS),
        environment,
        bundling: nodejsBundling(),
        logGroup: new LogGroup(this, `${def.name}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      });
      if (def.forwardQueue) forwardQueueSenders.push(fn);
      fn.addToRolePolicy(new PolicyStatement({ actions: [...TABLE_ACTIONS[def.table]], resources: tableResources }));
      // What the event source mapping needs of the stream, scoped to this table's streams (not "*").
      fn.addToRolePolicy(new PolicyStatement({ actions: [...STREAM_ACTIONS], resources: [`${this.table.tableArn}/stream/*`] }));
      const failed = new Queue(this, `${def.name}Failed`, {
        encryption: QueueEncryption.SQS_MANAGED,
        retentionPeriod: Duration.days(14),
        enforceSSL: true,
      });
      new EventSourceMapping(this, `${def.name}Source`, {
        target: fn,
        eventSourceArn: this.table.tableStreamArn!,
        // From the oldest record kept (24 h): processing a statement twice changes nothing.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: def.batchSize,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(failed),
        filters: [streamFilter(def)],
      });
    }

    this.addStatementForwarding({ environment, forwardQueueSenders });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'HTTP API base URL' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }

  private addStatementForwarding({ environment, forwardQueueSenders }: ForwardingWiring): void {
    const deadLetters = new Queue(this, 'ForwardQueueDlq', {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.forwardQueue = new Queue(this, 'ForwardQueue', {
      fifo: true,
      // Ids come from the messages (target, statement, replay): copies from a retried stream batch drop out.
      contentBasedDeduplication: false,
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      // AWS advises six times the function timeout for an SQS event source.
      visibilityTimeout: Duration.seconds(6 * FORWARDER_TIMEOUT_SECONDS),
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: FORWARD_QUEUE_MAX_RECEIVES },
    });
    for (const fn of forwardQueueSenders) {
      fn.addEnvironment('FORWARD_QUEUE_URL', this.forwardQueue.queueUrl);
      fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.forwardQueue.queueArn] }));
    }
    const forwarder = new NodejsFunction(this, 'Forwarder', {
      entry: join(PROJECT_ROOT, 'functions/handlers/queues/forwarder.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: FORWARDER_DESCRIPTION,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(FORWARDER_TIMEOUT_SECONDS),
      environment: { ...environment, FORWARD_QUEUE_URL: this.forwardQueue.queueUrl },
      bundling: nodejsBundling(),
      logGroup: new LogGroup(this, 'ForwarderLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    forwarder.addToRolePolicy(new PolicyStatement({ actions: [...FORWARDER_TABLE_ACTIONS], resources: [this.table.tableArn] }));
    // The event source grants receive, delete and ChangeMessageVisibility (the backoff) on this queue only.
    forwarder.addEventSource(new SqsEventSource(this.forwardQueue, { batchSize: 10, reportBatchItemFailures: true }));
    new CfnOutput(this, 'ForwardQueueDlqUrl', { value: deadLetters.queueUrl, description: 'Forwarding messages that kept crashing the forwarder' });
  }
}

/**
 * Statement forwarding (functions/core/forwarding/): the stream handler and the admin's replay send
 * to an SQS FIFO queue (a group per participant at a target keeps order); the forwarder function
 * consumes it. Retries and dead letters are the domain's (delivery state in the table); the
 * queue's own DLQ catches only messages that keep crashing the function.
 */
export const FORWARDER_DESCRIPTION = 'queue: forwarding to accreditation LRSs';
export const FORWARDER_TIMEOUT_SECONDS = 60;
/** What the forwarder does with the table: read targets and statements, claim and settle deliveries. */
export const FORWARDER_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem'] as const;
export const FORWARD_QUEUE_MAX_RECEIVES = 50;

export interface ForwardingWiring {
  environment: Record<string, string>;
  forwardQueueSenders: readonly NodejsFunction[];
}

/** What a stream handler's role may do with the table's stream (the event source mapping reads it). */
export const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'] as const;
export const STREAM_FUNCTION_TIMEOUT_SECONDS = 60;

export function streamFunctionDescription(def: Pick<StreamHandlerDef, 'name'>): string {
  return `stream: ${def.name}`;
}

/** The route table's stream filter as an event source mapping filter (the local poller applies the same, functions/local/stream-poller.ts). */
export function streamFilter(def: Pick<StreamHandlerDef, 'pkPrefix' | 'newImageAttribute'>): Record<string, unknown> {
  return FilterCriteria.filter({
    dynamodb: {
      Keys: { pk: { S: FilterRule.beginsWith(def.pkPrefix) } },
      NewImage: { [def.newImageAttribute]: { S: FilterRule.exists() } },
    },
  });
}

/** infra/bundling.ts's esbuild options, in NodejsFunction's words. */
export function nodejsBundling(options = handlerBundleOptions): BundlingOptions {
  return {
    format: options.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
    target: options.target,
    mainFields: [...options.mainFields],
    minify: options.minify,
    sourceMap: options.sourcemap,
    keepNames: options.keepNames,
    banner: options.banner.js,
    externalModules: [...options.external],
  };
}

/**
 * Builds the web app (infra/web-build.ts, the same build the local runtime and the tests serve)
 * into the bundle's `web/` folder, where functions/handlers/web/assets.ts looks for it.
 */
export function webAssetsHook(): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [`cd "${inputDir}" && npx tsx infra/web-build.ts "${outputDir}/${WEB_ASSETS_FOLDER}"`],
  };
}

/**
 * Copies the SCORM schema files (XSDs) to the bundle's `xsd/` folder, where
 * functions/core/scorm/validate-manifest.ts finds them beside the bundled code (import.meta.url).
 */
export function scormSchemasHook(): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [`cp -R "${inputDir}/${SCORM_SCHEMAS_DIR}" "${outputDir}/xsd"`],
  };
}

/**
 * The deployed routes grouped by handler module, in route-table order. Routes of one handler must
 * agree on what the function may do, since they share it.
 */
export function routesByHandler(deployed: readonly RouteDef[]): RouteDef[][] {
  const groups = new Map<string, RouteDef[]>();
  for (const route of deployed) {
    const group = groups.get(route.handler);
    if (!group) {
      groups.set(route.handler, [route]);
      continue;
    }
    const first = group[0]!;
    if (first.table !== route.table || first.signIns !== route.signIns || first.forwardQueue !== route.forwardQueue || first.files !== route.files) {
      throw new Error(`${routeId(route)} and ${routeId(first)} share ${route.handler} but differ in table, signIns, forwardQueue or files`);
    }
    group.push(route);
  }
  return [...groups.values()];
}

/** What a route's function may do beyond logging; functions with the same set share a role. */
export function permissionSet(route: Pick<RouteDef, 'table' | 'signIns' | 'forwardQueue'>): string {
  return [`table:${route.table}`, route.signIns ? `sign-ins:${route.signIns}` : '', route.forwardQueue ? `forward-queue:${route.forwardQueue}` : ''].filter(Boolean).join(', ');
}

/** `GET /xapi/statements/{id}` → `GetXapiStatementsById`: a stable, readable construct id. */
export function constructName(route: Pick<RouteDef, 'method' | 'path'>): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', param[1] ?? ''] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function attribute(input: CreateTableCommandInput, name: string | undefined): Attribute {
  const definition = input.AttributeDefinitions?.find((a) => a.AttributeName === name);
  if (!name || !definition) throw new Error(`table-definition.ts: no attribute definition for key ${name}`);
  const types = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;
  const type = definition.AttributeType ? types[definition.AttributeType] : undefined;
  if (!type) throw new Error(`table-definition.ts: unsupported type for ${name}`);
  return { name, type };
}

function keysFrom(input: CreateTableCommandInput, keySchema: CreateTableCommandInput['KeySchema']) {
  const hash = keySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  const range = keySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return {
    partitionKey: attribute(input, hash),
    ...(range ? { sortKey: attribute(input, range) } : {}),
  };
}

/** The table as the local runtime creates it; a mismatch here would only show up in AWS. */
function tablePropsFrom(input: CreateTableCommandInput) {
  if (input.BillingMode !== 'PAY_PER_REQUEST') throw new Error('table-definition.ts: expected on-demand billing');
  const streams = { NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES, NEW_IMAGE: StreamViewType.NEW_IMAGE, OLD_IMAGE: StreamViewType.OLD_IMAGE, KEYS_ONLY: StreamViewType.KEYS_ONLY } as const;
  const streamType = input.StreamSpecification?.StreamEnabled ? input.StreamSpecification.StreamViewType : undefined;
  return {
    ...keysFrom(input, input.KeySchema),
    billingMode: BillingMode.PAY_PER_REQUEST,
    ...(streamType ? { stream: streams[streamType] } : {}),
  };
}

function globalSecondaryIndexesFrom(input: CreateTableCommandInput): GlobalSecondaryIndexProps[] {
  return (input.GlobalSecondaryIndexes ?? []).map((index) => {
    if (!index.IndexName) throw new Error('table-definition.ts: a GSI without a name');
    const projection = index.Projection?.ProjectionType ?? 'ALL';
    return {
      indexName: index.IndexName,
      ...keysFrom(input, index.KeySchema),
      projectionType: ProjectionType[projection],
      ...(index.Projection?.NonKeyAttributes ? { nonKeyAttributes: index.Projection.NonKeyAttributes } : {}),
    };
  });
}
