import { App, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { staffSessionKey, staffTokenKey } from '../../functions/adapters/dynamodb/keys';
import { hashToken } from '../../functions/application/staff-tokens';
import { functions, routeThrottles, routes, schedules, stateMachines, type FunctionName, type FunctionSpec } from '../../lib/manifest';
import { tableDefinition } from '../../lib/table-definition';
import { readDeployConfig } from '../../lib/deploy-config';
import { VeCertificationStack } from '../../lib/ve-certification-stack';
import { cdkJsonContext, synthesizeProductionStack } from '../support/production-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };
let template: Template;
let stack: VeCertificationStack;
let synthesisError: unknown;

// Synthesis bundles every function with esbuild: minutes on a loaded two-core machine.
beforeAll(() => {
  try {
    ({ template, stack } = synthesizeProductionStack());
  } catch (error) {
    synthesisError = error;
  }
}, 240_000);

const resourcesOf = (type: string) => Object.entries(template.findResources(type) as Record<string, Resource>);
const functionLogicalId = (name: FunctionName) =>
  stack.getLogicalId(stack.node.findChild(name).node.defaultChild as CfnResource);
const roleLogicalId = (name: FunctionName) => stack.getLogicalId(stack.node.findChild(`${name}Role`).node.defaultChild as CfnResource);

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
/** The statements of the policies attached to a function's role. */
const statementsOf = (name: FunctionName): Statement[] =>
  resourcesOf('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId(name) }]))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const dynamodbActionsOf = (name: FunctionName) =>
  statementsOf(name)
    .flatMap((statement) => ([] as string[]).concat(statement.Action))
    .filter((action) => action.startsWith('dynamodb:'));

describe('the production stack', () => {
  it('synthesizes with no unacknowledged cdk-nag (AwsSolutions) finding', () => {
    expect(synthesisError).toBeUndefined();
  });

  it('keeps one on-demand, encrypted, point-in-time-recoverable table with the GSIs the access patterns use, retained on delete', () => {
    const tables = resourcesOf('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    const table = tables[0]?.[1];
    expect(table).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true },
      Replicas: [expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
    const indexes = (table?.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown }[];
    expect(indexes.map((index) => index.IndexName)).toEqual(tableDefinition.globalIndexes.map((index) => index.name));
  });

  it('builds every manifest function for Node.js 24 on arm64, with its own log group', () => {
    for (const name of Object.keys(functions) as FunctionName[]) {
      const fn = template.toJSON().Resources[functionLogicalId(name)] as Resource;
      expect(fn.Properties, name).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Properties.LoggingConfig, name).toMatchObject({ LogGroup: expect.anything() });
    }
  });

  it('routes every manifest route to its function, with the authorizer on staff routes only', () => {
    const authorizers = resourcesOf('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const routeResources = resourcesOf('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    expect(routeResources).toHaveLength(routes.length);
    const integrations = template.toJSON().Resources as Record<string, Resource>;
    for (const route of routes) {
      const found = routeResources.find((candidate) => candidate.RouteKey === `${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      expect(found?.AuthorizationType, route.path).toBe(route.auth === 'staff' ? 'CUSTOM' : 'NONE');
      const target = JSON.stringify(found?.Target);
      const integrationId = Object.keys(integrations).find((id) => target.includes(id));
      const integration = integrations[integrationId ?? ''];
      expect(JSON.stringify(integration?.Properties.IntegrationUri), route.path).toContain(functionLogicalId(route.function));
    }
  });

  it('loads the lifecycle from its ASL file with every placeholder substituted by the manifest function', () => {
    const [[, machine]] = resourcesOf('AWS::StepFunctions::StateMachine') as [[string, Resource]];
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    const placeholders = new Set([...definition.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]));
    const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect([...placeholders].sort()).toEqual(Object.keys(substitutions).sort());
    for (const [placeholder, fn] of Object.entries(stateMachines.placementLifecycle.substitutions)) {
      expect(substitutions[placeholder]).toEqual({ 'Fn::GetAtt': [functionLogicalId(fn), 'Arn'] });
    }
    expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true } });
  });

  it('fires every manifest schedule at its function, with a dead-letter queue', () => {
    const rules = resourcesOf('AWS::Events::Rule').map(([, rule]) => rule.Properties);
    for (const schedule of Object.values(schedules)) {
      const rule = rules.find((candidate) => candidate.ScheduleExpression === schedule.expression);
      expect(rule, schedule.expression).toBeDefined();
      expect(rule?.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [functionLogicalId(schedule.function), 'Arn'] },
          DeadLetterConfig: { Arn: expect.anything() },
        }),
      ]);
    }
  });

  it('pages on failed executions, dead letters and every function’s errors', () => {
    const metrics = resourcesOf('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    expect(metrics.filter((alarm) => alarm.MetricName === 'ExecutionsFailed')).toHaveLength(1);
    expect(metrics.filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(metrics.filter((alarm) => alarm.MetricName === 'Errors')).toHaveLength(Object.keys(functions).length);
    for (const alarm of metrics) expect(alarm.AlarmActions).toHaveLength(1);
  });

  it('grants no wildcard action, and a wildcard resource only where AWS has no resource-level permission', () => {
    const allowedOnAnyResource = /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const statements = resourcesOf('AWS::IAM::Policy').flatMap(([id, policy]) =>
      ((policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement).map(
        (statement) => ({ id, ...statement }),
      ),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const actions = ([] as string[]).concat(statement.Action);
      for (const action of actions) expect(action, statement.id).not.toMatch(/^\*$|:\*$/);
      const resources = ([] as unknown[]).concat(statement.Resource);
      if (resources.includes('*')) {
        for (const action of actions) expect(action, `${statement.id} on *`).toMatch(allowedOnAnyResource);
      }
    }
  });

  it('lets a function send email only as the configured sender identity', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ses:SendEmail', 'ses:SendRawEmail'],
            Condition: { StringEquals: { 'ses:FromAddress': 'certification@agency.example.com' } },
          }),
        ]),
      },
    });
  });

  it('lets each function call on the table only the actions the manifest lists for it: never Scan, DeleteItem or a batch', () => {
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      const granted = dynamodbActionsOf(name);
      expect([...new Set(granted)].sort(), name).toEqual((spec.tableActions ?? []).map((action) => `dynamodb:${action}`).sort());
    }
    const everyAction = resourcesOf('AWS::IAM::Policy').flatMap(([, policy]) =>
      (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap((statement) => ([] as string[]).concat(statement.Action)),
    );
    expect(everyAction.filter((action) => action.startsWith('dynamodb:')).length).toBeGreaterThan(0);
    expect(everyAction.filter((action) => /^dynamodb:(Scan|DeleteItem|BatchWriteItem|BatchGetItem|PartiQL)/.test(action))).toEqual([]);
  });

  it.each([
    ['staffAuthorizer', 'dynamodb:GetItem'],
    ['consoleSession', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
  ] as const)('lets %s reach staff-token and console-session items and nothing else in the table', (name, actions) => {
    const tableStatements = statementsOf(name).filter((statement) => ([] as string[]).concat(statement.Action).some((action) => action.startsWith('dynamodb:')));
    expect(tableStatements).toHaveLength(1);
    const [statement] = tableStatements;
    expect(statement?.Action).toEqual(actions);
    const patterns = statement?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    expect(patterns).toEqual(['STAFF_TOKEN#*', 'STAFF_SESSION#*']);
    // The patterns are the keys module's shapes: a real token's or session's partition key matches one, a placement's none.
    const matches = (key: string) => ['STAFF_TOKEN#', 'STAFF_SESSION#'].some((prefix) => key.startsWith(prefix));
    expect(matches(staffTokenKey(hashToken('vec_example')).PK)).toBe(true);
    expect(matches(staffSessionKey(hashToken('a-session')).PK)).toBe(true);
    expect(matches('PLACEMENT#01J0000000000000000000000')).toBe(false);
  });

  it('calls the authorizer on every staff request, with the bearer token or the session cookie: no required identity source, no cache', () => {
    const [[, authorizer]] = resourcesOf('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      // A listed identity source is required: a request without it would get 401 and never reach the authorizer.
      IdentitySource: [],
      // Cached answers would skip the CSRF check (it depends on the method) and outlive a revoked token or ended session.
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it('throttles every route on its own, public routes and webhooks each with their own limits', () => {
    const [[stageId, stage]] = resourcesOf('AWS::ApiGatewayV2::Stage') as [[string, Resource & { DependsOn?: string[] }]];
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of routes) {
      const limits = routeThrottles[route.auth];
      expect(settings[`${route.method} ${route.path}`], `${route.method} ${route.path}`).toEqual({ ThrottlingRateLimit: limits.rateLimit, ThrottlingBurstLimit: limits.burstLimit });
    }
    expect(routeThrottles.public.rateLimit).toBeLessThan(routeThrottles.signature.rateLimit);
    expect(routeThrottles.public.burstLimit).toBeLessThan(routeThrottles.signature.burstLimit);
    // Route settings can only name routes that exist: the stage waits for every route.
    const routeIds = resourcesOf('AWS::ApiGatewayV2::Route').map(([id]) => id);
    expect(template.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
  });
});

describe('the function bundles', () => {
  it('carry the agency\'s public holidays as a table, not the date-holidays library with every country and moment-timezone', () => {
    const outdir = (stack.node.root as App).outdir;
    const bundles = readdirSync(outdir)
      .filter((entry) => entry.startsWith('asset.') && existsSync(path.join(outdir, entry, 'index.mjs')))
      .map((entry) => readFileSync(path.join(outdir, entry, 'index.mjs'), 'utf8'));
    const planning = bundles.filter((code) => code.includes('Thanksgiving Day'));

    expect(bundles.length).toBeGreaterThanOrEqual(Object.keys(functions).length);
    expect(planning.length).toBeGreaterThan(5); // every function that loads the agency configuration
    // Markers of the library's code and data: moment-timezone's name, and a country the agency does not keep.
    expect(bundles.filter((code) => code.includes('moment-timezone') || code.includes('Andorra')).length).toBe(0);
  });
});

describe('the agency calendar settings', () => {
  const environmentOf = (synthesized: Template) =>
    Object.values(synthesized.findResources('AWS::Lambda::Function') as Record<string, Resource>)
      .filter((fn) => fn.Properties.Handler === 'index.handler')
      .map((fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables);

  it('passes the holiday region and closure dates from the context to every function', () => {
    // Prepare: bundling skipped, only the environment is looked at.
    const context = { ...cdkJsonContext(), agencyHolidays: 'US-TX', agencyClosures: '2026-12-24=Christmas Eve,2026-12-31', 'aws:cdk:bundling-stacks': [] };
    const app = new App({ context });

    // Act
    const synthesized = Template.fromStack(new VeCertificationStack(app, 'WithHolidays', { config: readDeployConfig((key) => app.node.tryGetContext(key)) }));

    // Assess
    const environments = environmentOf(synthesized);
    expect(environments).toHaveLength(Object.keys(functions).length);
    for (const variables of environments) {
      expect(variables).toMatchObject({ AGENCY_HOLIDAYS: 'US-TX', AGENCY_CLOSURES: '2026-12-24=Christmas Eve,2026-12-31' });
    }
  });

  it('leaves them unset when the context does not give them, so the functions keep US federal holidays', () => {
    for (const variables of environmentOf(template)) {
      expect(variables).not.toHaveProperty('AGENCY_HOLIDAYS');
      expect(variables).not.toHaveProperty('AGENCY_CLOSURES');
    }
  });

  it.each([
    { key: 'agencyHolidays', value: 'Atlantis' },
    { key: 'agencyClosures', value: '2026-12-24,26 December' },
  ])('stops synth on a bad $key, naming it', ({ key, value }) => {
    const context: Record<string, unknown> = { ...cdkJsonContext(), [key]: value };

    expect(() => readDeployConfig((name) => context[name])).toThrow(new RegExp(`${key}:`));
  });
});

describe('the agency branding settings', () => {
  const environmentOf = (synthesized: Template) =>
    Object.values(synthesized.findResources('AWS::Lambda::Function') as Record<string, Resource>)
      .filter((fn) => fn.Properties.Handler === 'index.handler')
      .map((fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables);

  it('passes the sample agency of cdk.json to every function', () => {
    const context = cdkJsonContext();

    for (const variables of environmentOf(template)) {
      expect(variables).toMatchObject({
        AGENCY_NAME: context.agencyName,
        AGENCY_SHORT_NAME: context.agencyShortName,
        AGENCY_PHONE: context.agencyPhone,
        AGENCY_WEBSITE: context.agencyWebsite,
        AGENCY_POSTAL_ADDRESS: context.agencyPostalAddress,
        AGENCY_BRAND_COLOUR: context.agencyBrandColour,
      });
      // No logo URL in cdk.json: the functions show the bundled one.
      expect(variables).not.toHaveProperty('AGENCY_LOGO_URL');
    }
  });

  it('passes an agency given on the command line (-c) to every function', () => {
    // Prepare: bundling skipped, only the environment is looked at.
    const context = {
      ...cdkJsonContext(),
      agencyName: 'Northwind Virtual Staffing',
      agencyLogoUrl: 'https://cdn.northwind.example/logo.svg',
      agencyBrandColour: '#7a1f5c',
      'aws:cdk:bundling-stacks': [],
    };
    const app = new App({ context });

    // Act
    const synthesized = Template.fromStack(new VeCertificationStack(app, 'Northwind', { config: readDeployConfig((key) => app.node.tryGetContext(key)) }));

    // Assess
    const environments = environmentOf(synthesized);
    expect(environments).toHaveLength(Object.keys(functions).length);
    for (const variables of environments) {
      expect(variables).toMatchObject({
        AGENCY_NAME: 'Northwind Virtual Staffing',
        AGENCY_LOGO_URL: 'https://cdn.northwind.example/logo.svg',
        AGENCY_BRAND_COLOUR: '#7a1f5c',
      });
    }
  });

  it.each([
    { key: 'agencyBrandColour', value: 'navy' },
    { key: 'agencyPhone', value: '312 555 0100' },
    { key: 'agencyLogoUrl', value: 'http://cdn.northwind.example/logo.svg' },
    { key: 'agencyWebsite', value: 'northwind' },
  ])('stops synth on a bad $key, naming it', ({ key, value }) => {
    const context: Record<string, unknown> = { ...cdkJsonContext(), [key]: value };

    expect(() => readDeployConfig((name) => context[name])).toThrow(new RegExp(`${key}:`));
  });
});
