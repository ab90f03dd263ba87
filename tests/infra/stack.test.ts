/**
 * The synthesized CloudFormation template against the contracts it is derived from: the route
 * table (functions/routes.ts), the table definition and the roles. Asset bundling is skipped
 * (tests/integration/bundles.test.ts covers the bundles), which keeps this file at a few seconds.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-definition.js';
import { ROLES } from '../../functions/core/auth/principal.js';
import { routeId, routes, streamHandlers, type RouteDef, type StreamHandlerDef } from '../../functions/routes.js';
import { packagedSchemaFileUrls } from '../../functions/core/scorm/validate-manifest.js';
import { ESM_REQUIRE_BANNER, PROJECT_ROOT } from '../../infra/bundling.js';
import {
  FORWARD_QUEUE_MAX_RECEIVES,
  FORWARDER_DESCRIPTION,
  FORWARDER_TABLE_ACTIONS,
  FORWARDER_TIMEOUT_SECONDS,
  IntroductieStack,
  nodejsBundling,
  scormSchemasHook,
  SIGN_IN_ACTIONS,
  STREAM_ACTIONS,
  STREAM_FUNCTION_TIMEOUT_SECONDS,
  streamFunctionDescription,
  TABLE_ACTIONS,
  WEB_HANDLERS,
  webAssetsHook,
} from '../../infra/stack.js';

const deployedRoutes = (routes as readonly RouteDef[]).filter((route) => !route.localOnly);
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

// A CloudFormation resource as the assertions library hands it out.
type Resource = { Type: string; Properties: Record<string, any> };

let template: Template;
let functionsByRoute: Map<string, { logicalId: string; resource: Resource }>;

beforeAll(() => {
  // Same feature flags as `cdk synth`, so the template under test is the one that deploys.
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new IntroductieStack(app, 'Test'));
  // A function serves every route of its handler; its description lists them ("GET /x, HEAD /x").
  functionsByRoute = new Map(
    Object.entries(resources('AWS::Lambda::Function')).flatMap(([logicalId, resource]) =>
      String(resource.Properties.Description)
        .split(', ')
        .map((id) => [id, { logicalId, resource }] as const),
    ),
  );
});

function resources(type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** Every IAM action granted to a function's execution role, over all its policies. */
function actionsOf(fn: Resource): string[] {
  const roleId: unknown = fn.Properties.Role?.['Fn::GetAtt']?.[0];
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => (role as { Ref?: string }).Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
}

function streamFunction(def: StreamHandlerDef): Resource {
  const found = functionsByRoute.get(streamFunctionDescription(def));
  if (!found) throw new Error(`no function for stream handler ${def.name}`);
  return found.resource;
}

function functionFor(route: RouteDef): Resource {
  const found = functionsByRoute.get(routeId(route));
  if (!found) throw new Error(`no function for ${routeId(route)}`);
  return found.resource;
}

describe('DynamoDB table', () => {
  const definition = createTableInput('unused');

  it('has the keys, GSI and stream of table-definition.ts', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: definition.KeySchema,
      AttributeDefinitions: Match.arrayWith(definition.AttributeDefinitions ?? []),
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      StreamSpecification: { StreamViewType: definition.StreamSpecification?.StreamViewType },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('is on-demand, encrypted with the AWS managed key, recoverable and protected', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSEEnabled without a key ARN is the AWS managed key (aws/dynamodb).
        SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
      },
    });
  });
});

describe('Lambda functions', () => {
  it('exist exactly once per handler of the routes that are not local-only, and once per stream handler', () => {
    // Plus the forwarder, which the forwarding queue drives (see "statement forwarding" below).
    const handlers = new Set(deployedRoutes.map((route) => route.handler));
    template.resourceCountIs('AWS::Lambda::Function', handlers.size + streamHandlers.length + 1);
    expect([...functionsByRoute.keys()].sort()).toEqual([...deployedRoutes.map(routeId), ...streamHandlers.map(streamFunctionDescription), FORWARDER_DESCRIPTION].sort());
  });

  it('run nodejs22.x on arm64 with 512 MB, 10 s per request and 60 s per stream batch', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Handler: 'index.handler',
    });
    for (const route of deployedRoutes) expect(functionFor(route).Properties.Timeout).toBe(10);
    for (const def of streamHandlers) expect(streamFunction(def).Properties.Timeout).toBe(STREAM_FUNCTION_TIMEOUT_SECONDS);
  });

  it('get every variable config.ts requires', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: Match.anyValue(),
          JWT_ISSUER: Match.anyValue(),
          JWKS_URL: Match.anyValue(),
          JWT_AUDIENCE: Match.anyValue(),
        },
      },
    });
  });

  it('log to their own log group with a retention', () => {
    const logGroups = resources('AWS::Logs::LogGroup');
    for (const { resource } of functionsByRoute.values()) {
      const logGroupId: unknown = resource.Properties.LoggingConfig?.LogGroup?.Ref;
      expect(logGroups[String(logGroupId)]?.Properties.RetentionInDays).toBe(30);
    }
    // Explicit log groups mean no LogRetention custom resource (it would add a Lambda function).
    template.resourceCountIs('Custom::LogRetention', 0);
  });
});

describe('least-privilege table access', () => {
  it.each(deployedRoutes.map((route) => [routeId(route), route] as const))('%s gets exactly its level', (_id, route) => {
    const dynamoActions = actionsOf(functionFor(route)).filter((action) => action.startsWith('dynamodb:'));
    expect(dynamoActions.sort()).toEqual([...TABLE_ACTIONS[route.table]].sort());
  });

  it('read functions have no write action and none functions no DynamoDB action', () => {
    const read = deployedRoutes.filter((route) => route.table === 'read');
    const none = deployedRoutes.filter((route) => route.table === 'none');
    expect(read.length).toBeGreaterThan(0);
    expect(none.length).toBeGreaterThan(0);
    for (const route of read) expect(actionsOf(functionFor(route)).filter((action) => WRITE_ACTIONS.includes(action))).toEqual([]);
    for (const route of none) expect(actionsOf(functionFor(route)).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });

  it('never grants wildcards or Scan', () => {
    for (const policy of Object.values(resources('AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]) {
        const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
        expect(actions.filter((action) => action.includes('*') || action === 'dynamodb:Scan')).toEqual([]);
        expect(statement.Resource).not.toBe('*');
      }
    }
  });
});

describe('HTTP API', () => {
  it('has a route for every deployed route key', () => {
    const routeKeys = Object.values(resources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey as string);
    expect(routeKeys.sort()).toEqual(deployedRoutes.map(routeId).sort());
    expect(routeKeys).toContain('GET /xapi/statements');
  });

  it('puts the JWT authorizer on exactly the jwt routes', () => {
    const byKey = new Map(Object.values(resources('AWS::ApiGatewayV2::Route')).map((route) => [route.Properties.RouteKey as string, route]));
    for (const route of deployedRoutes) {
      const properties = byKey.get(routeId(route))?.Properties;
      if (route.auth.kind === 'jwt') {
        expect(properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
      } else {
        expect(properties?.AuthorizationType).toBe('NONE');
        expect(properties?.AuthorizerId).toBeUndefined();
      }
    }
  });

  it('trusts JWTs of the user pool issued to the app client', () => {
    const [poolId] = Object.keys(resources('AWS::Cognito::UserPool'));
    const [clientId] = Object.keys(resources('AWS::Cognito::UserPoolClient'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.', { Ref: poolId }])] },
      },
    });
  });
});

describe('Cognito', () => {
  it('has a user pool without self sign-up that signs in by e-mail', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
    });
  });

  it('has one group per role', () => {
    const groups = Object.values(resources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName as string);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });
});

it('outputs what a deployment needs to know', () => {
  for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']) template.hasOutput(name, {});
});

it('translates infra/bundling.ts into NodejsFunction bundling props', () => {
  expect(nodejsBundling()).toEqual({
    format: OutputFormat.ESM,
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    sourceMap: false,
    keepNames: false,
    banner: ESM_REQUIRE_BANNER,
    externalModules: [],
  });
});

describe('participant web app', () => {
  it('is served by public functions without table access', () => {
    const web = deployedRoutes.filter((route) => route.handler.startsWith(WEB_HANDLERS));
    expect(web.map(routeId).sort()).toEqual(['GET /', 'GET /app/{file+}', 'GET /scorm/launch']);
    for (const route of web) expect(actionsOf(functionFor(route)).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });

  it('is built into the web functions\' bundles by the bundling hook (skipped here, so the command is checked)', () => {
    const hook = webAssetsHook();
    expect(hook.beforeBundling('/in', '/out')).toEqual([]);
    expect(hook.afterBundling('/repo', '/asset-output')).toEqual(['cd "/repo" && npx tsx infra/web-build.ts "/asset-output/web"']);
  });
});

describe('stream handlers', () => {
  const [statements] = streamHandlers;

  it('read the table stream through an event source mapping with the route table\'s filter, item failures and an on-failure queue', () => {
    const logicalId = Object.entries(resources('AWS::Lambda::Function')).find(([, fn]) => fn.Properties.Description === streamFunctionDescription(statements))![0];
    const [tableId] = Object.keys(resources('AWS::DynamoDB::Table'));
    const [queueId] = Object.keys(resources('AWS::SQS::Queue'));
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId },
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: statements.batchSize,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: statements.pkPrefix }] } }, NewImage: { [statements.newImageAttribute]: { S: [{ exists: true }] } } } }) }],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('may use the table as their level says and read its stream, nothing more', () => {
    const actions = actionsOf(streamFunction(statements)).filter((action) => action.startsWith('dynamodb:'));
    expect([...new Set(actions)].sort()).toEqual([...TABLE_ACTIONS[statements.table], ...STREAM_ACTIONS].sort());
  });
});

/** The policy documents attached to a function's role. */
function policiesOf(fn: Resource): unknown[] {
  const roleId: unknown = fn.Properties.Role?.['Fn::GetAtt']?.[0];
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => (role as { Ref?: string }).Ref === roleId))
    .map((policy) => policy.Properties.PolicyDocument);
}

describe('statement forwarding', () => {
  const forwarder = () => functionsByRoute.get(FORWARDER_DESCRIPTION)!.resource;
  const queueIds = () => {
    const queues = resources('AWS::SQS::Queue');
    const main = Object.keys(queues).find((id) => id.startsWith('ForwardQueue') && !id.startsWith('ForwardQueueDlq'))!;
    const dlq = Object.keys(queues).find((id) => id.startsWith('ForwardQueueDlq'))!;
    return { queues, main, dlq };
  };
  const senders = () => [
    ...deployedRoutes.filter((route) => route.forwardQueue === 'send').map((route) => functionFor(route)),
    ...(streamHandlers as readonly StreamHandlerDef[]).filter((def) => def.forwardQueue === 'send').map((def) => streamFunction(def)),
  ];

  it('has a FIFO queue, encrypted, with a FIFO dead-letter queue, and explicit deduplication ids', () => {
    const { queues, main, dlq } = queueIds();
    expect(queues[main]!.Properties).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * FORWARDER_TIMEOUT_SECONDS,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: FORWARD_QUEUE_MAX_RECEIVES },
    });
    expect(queues[dlq]!.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
  });

  it('drives the forwarder from the queue, reporting item failures', () => {
    const { main } = queueIds();
    const logicalId = functionsByRoute.get(FORWARDER_DESCRIPTION)!.logicalId;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId },
      EventSourceArn: { 'Fn::GetAtt': [main, 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(forwarder().Properties.Timeout).toBe(FORWARDER_TIMEOUT_SECONDS);
    expect(forwarder().Properties.Environment.Variables.FORWARD_QUEUE_URL).toEqual({ Ref: main });
  });

  it('lets the forwarder read and update the table and consume its queue, nothing more', () => {
    const actions = [...new Set(actionsOf(forwarder()))];
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([...FORWARDER_TABLE_ACTIONS].sort());
    expect(actions.filter((a) => a.startsWith('sqs:')).sort()).toEqual(
      ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'].sort(),
    );
    expect(actions.filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('sqs:'))).toEqual([]);
  });

  it('gives the queue URL and sqs:SendMessage only to the stream handler and the replay route', () => {
    const sending = senders();
    expect(sending.length).toBe(2);
    const { main } = queueIds();
    for (const fn of sending) {
      expect(fn.Properties.Environment.Variables.FORWARD_QUEUE_URL).toEqual({ Ref: main });
      const onQueue = (policiesOf(fn) as { Statement: { Action: string | string[]; Resource: unknown }[] }[])
        .flatMap((doc) => doc.Statement)
        .filter((statement) => JSON.stringify(statement.Resource).includes(main))
        .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
      expect(onQueue).toEqual(['sqs:SendMessage']);
    }
    const others = [...functionsByRoute.values()].map((f) => f.resource).filter((fn) => !sending.includes(fn) && fn !== forwarder());
    for (const fn of others) {
      // (The readiness stream handler may send to its own on-failure queue; none may touch this one.)
      expect(JSON.stringify(policiesOf(fn))).not.toContain(main);
      expect(fn.Properties.Environment.Variables.FORWARD_QUEUE_URL).toBeUndefined();
    }
  });
});

describe('erasure', () => {
  it('lets only the erasure routes delete Cognito users, and only in the pool, with the pool id set', () => {
    const erasing = deployedRoutes.filter((route) => route.signIns === 'delete').map((route) => functionFor(route));
    expect(erasing.length).toBe(2);
    const pool = Object.keys(resources('AWS::Cognito::UserPool'))[0]!;
    for (const fn of erasing) {
      expect(fn.Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: pool });
      const onPool = (policiesOf(fn) as { Statement: { Action: string | string[]; Resource: unknown }[] }[])
        .flatMap((doc) => doc.Statement)
        .filter((statement) => JSON.stringify(statement.Resource).includes(pool));
      expect(onPool.flatMap((statement) => statement.Action)).toEqual(['cognito-idp:AdminDeleteUser']);
    }
    const launching = deployedRoutes.filter((route) => route.signIns === 'launch').map((route) => functionFor(route));
    for (const { resource: fn } of functionsByRoute.values()) {
      if (erasing.includes(fn) || launching.includes(fn)) continue;
      expect(JSON.stringify(policiesOf(fn))).not.toContain('cognito-idp');
      expect(fn.Properties.Environment.Variables.USER_POOL_ID).toBeUndefined();
    }
  });
});

describe('SCORM launch', () => {
  const pool = () => Object.keys(resources('AWS::Cognito::UserPool'))[0]!;

  it('lets only the launch route make and sign in LMS learners, in the pool only, without the JWT authorizer', () => {
    const launching = deployedRoutes.filter((route) => route.signIns === 'launch');
    expect(launching.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /scorm/sessions']);
    const fn = functionFor(launching[0]!);
    expect(fn.Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: pool() });
    expect(fn.Properties.Environment.Variables.JWT_AUDIENCE).toBeDefined();
    const onPool = (policiesOf(fn) as { Statement: { Action: string | string[]; Resource: unknown }[] }[])
      .flatMap((doc) => doc.Statement)
      .filter((statement) => JSON.stringify(statement.Resource).includes(pool()))
      .flatMap((statement) => statement.Action);
    expect([...onPool].sort()).toEqual([...SIGN_IN_ACTIONS.launch].sort());
    expect(onPool).not.toContain('cognito-idp:AdminDeleteUser');
    const route = Object.values(resources('AWS::ApiGatewayV2::Route')).find((r) => r.Properties.RouteKey === 'POST /scorm/sessions');
    expect(route?.Properties.AuthorizationType).toBe('NONE');
  });

  it('puts the SCORM schema files beside the bundles that read them, where validate-manifest.ts looks', () => {
    const out = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      for (const command of scormSchemasHook().afterBundling(PROJECT_ROOT, out)) execSync(command);
      for (const version of ['1.2', '2004'] as const) {
        // validate-manifest.ts resolves them against its own URL; in a bundle that is the bundle's.
        const besideBundle = packagedSchemaFileUrls(version).map(({ url }) => url.pathname.replace(`${PROJECT_ROOT}/functions/core/scorm/`, `${out}/`));
        expect(besideBundle.length).toBeGreaterThan(3);
        for (const file of besideBundle) expect(existsSync(file), file).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const reading = deployedRoutes.filter((route) => route.files === 'scorm-schemas').map((route) => `${route.method} ${route.path}`);
    expect(reading).toEqual(['POST /api/admin/packages', 'POST /api/admin/scorm-exports']);
  });

  it('allows admin password sign-in on the web client, beside SRP', () => {
    const client = Object.values(resources('AWS::Cognito::UserPoolClient'))[0]!;
    expect([...client.Properties.ExplicitAuthFlows].sort()).toEqual(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });
});
