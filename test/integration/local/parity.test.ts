import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeployConfig, type DeployConfig } from '../../../lib/deploy-config';
import { VeCertificationStack } from '../../../lib/ve-certification-stack';
import { functionArn } from '../../../local/functions';
import { httpRequest } from '../../../local/http';
import { get, json, startTestSystem, type LocalSystem } from '../../support/local-system';
import { cdkJsonContext } from '../../support/production-stack';

// Every route, schedule and state-machine substitution of the synthesized stack exists in the local
// runtime, and the local runtime has nothing the stack lacks.

// The deployment values a `cdk synth` would use.
const config: DeployConfig = readDeployConfig((key) => cdkJsonContext()[key]);

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let resources: Resources;
let system: LocalSystem;

/** CDK names a function's resource `<manifest name><8 hex>`; the manifest name is what the local runtime uses. */
function functionNameOf(reference: unknown): string {
  const getAtt: unknown = typeof reference === 'object' && reference !== null ? Reflect.get(reference, 'Fn::GetAtt') : undefined;
  const logicalId = Array.isArray(getAtt) ? getAtt[0] : undefined;
  const name = typeof logicalId === 'string' ? /^(.+)[0-9A-F]{8}$/.exec(logicalId)?.[1] : undefined;
  if (!name || resources[String(logicalId)]?.Type !== 'AWS::Lambda::Function') throw new Error(`Not a function reference: ${JSON.stringify(reference)}`);
  return name;
}

function ofType(type: string) {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

beforeAll(() => {
  // Synthesis bundles every function with esbuild (~10 s): once, before the local system fakes the clock.
  const app = new App();
  const stack = new VeCertificationStack(app, 'Test', { config });
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
}, 120_000);

beforeAll(async () => {
  system = await startTestSystem({ scheduler: true });
});

afterAll(async () => {
  await system?.stop();
});

describe('parity of the local runtime with the CDK stack', () => {
  it('serves the same routes, with the authorizer on the same ones', () => {
    const stackRoutes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => {
      const target = String((route.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref);
      const integration = resources[target];
      return `${String(route.Properties.RouteKey)} → ${functionNameOf(integration?.Properties.IntegrationUri)} (${route.Properties.AuthorizationType === 'CUSTOM' ? 'authorizer' : 'open'})`;
    });
    const localRoutes = system
      .describe()
      .routes.map((route) => `${route.method} ${route.path} → ${route.function} (${route.auth === 'staff' ? 'authorizer' : 'open'})`);

    expect(localRoutes.sort()).toEqual(stackRoutes.sort());
  });

  it('authorizes with the same function, identity source and simple responses', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer').map(([, authorizer]) => authorizer.Properties);

    expect(authorizers).toHaveLength(1);
    // No identity source and no cache, as the local gateway calls it (test/integration/local/gateway.test.ts): every staff request reaches the authorizer.
    expect(authorizers[0]).toMatchObject({ IdentitySource: [], AuthorizerResultTtlInSeconds: 0, EnableSimpleResponses: true, AuthorizerPayloadFormatVersion: '2.0' });
    const uri = JSON.stringify(authorizers[0]?.AuthorizerUri);
    expect(uri).toContain(`"Fn::GetAtt":["${system.describe().authorizer}`);
  });

  it('fires the same schedules on the same functions', () => {
    const stackSchedules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.ScheduleExpression !== undefined).map(([, rule]) => {
      const targets = rule.Properties.Targets as { Arn: unknown }[];
      return `${String(rule.Properties.ScheduleExpression)} → ${targets.map((target) => functionNameOf(target.Arn)).join(',')}`;
    });
    const localSchedules = system.describe().schedules.map((schedule) => `${schedule.expression} → ${schedule.function}`);

    expect(localSchedules.sort()).toEqual(stackSchedules.sort());
  });

  it('delivers the same executions’ status changes to the same functions', () => {
    const stackRules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.EventPattern !== undefined).map(([, rule]) => {
      const pattern = rule.Properties.EventPattern as { source: string[]; 'detail-type': string[]; detail: { status: string[] } };
      const targets = rule.Properties.Targets as { Arn: unknown }[];
      return `${pattern.source.join()} ${pattern['detail-type'].join()} ${pattern.detail.status.join()} → ${targets.map((target) => functionNameOf(target.Arn)).join(',')}`;
    });
    const localRules = system.describe().eventRules.map((rule) => `aws.states Step Functions Execution Status Change ${rule.statuses.join()} → ${rule.function}`);

    expect(localRules.length).toBeGreaterThan(0);
    expect(localRules.sort()).toEqual(stackRules.sort());
  });

  it('runs the same state machine definitions with the same substitutions', () => {
    const stackMachines = ofType('AWS::StepFunctions::StateMachine').map(([, machine]) => ({
      definition: String(machine.Properties.DefinitionString),
      substitutions: Object.fromEntries(
        Object.entries(machine.Properties.DefinitionSubstitutions as Record<string, unknown>).map(([placeholder, reference]) => [placeholder, functionNameOf(reference)]),
      ),
    }));
    const localMachines = system.describe().stateMachines.map((machine) => {
      // Put the placeholders back where the local ARNs went: the rest must be the same ASL text.
      let definition = machine.definition;
      for (const [placeholder, name] of Object.entries(machine.substitutions)) definition = definition.replaceAll(functionArn(name), `\${${placeholder}}`);
      return { definition, substitutions: machine.substitutions };
    });

    expect(localMachines).toEqual(stackMachines);
  });

  it('answers every stack route over HTTP: staff routes reach the authorizer, the others their handler', async () => {
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
      const [method, path] = String(route.Properties.RouteKey).split(' ') as [string, string];
      const url = `${system.baseUrl}${path.replaceAll(/\{[^}]+\}/g, 'parity-probe')}`;
      const headers = { authorization: 'Bearer not-a-real-token', 'content-type': 'application/json' };
      const response = method === 'GET' ? await get(url, headers) : await httpRequest(url, { method, headers, body: '{}' });

      if (route.Properties.AuthorizationType === 'CUSTOM') {
        expect({ route: route.Properties.RouteKey, status: response.status, body: json(response) }).toEqual({
          route: route.Properties.RouteKey,
          status: 403,
          body: { message: 'Forbidden' },
        });
      } else {
        expect({ route: route.Properties.RouteKey, body: response.body }).not.toEqual({ route: route.Properties.RouteKey, body: '{"message":"Not Found"}' });
      }
    }
  });
});
