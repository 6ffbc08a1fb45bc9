import type { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, schedules, workflowEvents, type FunctionName } from '../../lib/manifest';
import type { VeCertificationStack } from '../../lib/ve-certification-stack';
import { synthesizeProductionStack } from '../support/production-stack';

// The lifecycle's stopped executions reach the function that flags or resumes their placement as
// EventBridge events, and the reconciliation that used to poll every 15 minutes is a daily sweep.

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };
let resources: [string, Resource][];
let stack: VeCertificationStack;

// Synthesis bundles every function with esbuild: minutes on a loaded two-core machine.
beforeAll(() => {
  const synthesized = synthesizeProductionStack();
  stack = synthesized.stack;
  resources = Object.entries(synthesized.template.toJSON().Resources as Record<string, Resource>);
}, 240_000);

const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
const logicalIdOf = (path: string) => stack.getLogicalId(stack.node.findChild(path).node.defaultChild as CfnResource);
const functionArnOf = (name: FunctionName) => ({ 'Fn::GetAtt': [logicalIdOf(name), 'Arn'] });
const statementsOf = (name: FunctionName): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: logicalIdOf(`${name}Role`) }]))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const actionsOf = (statement: Statement) => ([] as string[]).concat(statement.Action);

const spec = workflowEvents.lifecycleStopped;
const eventRule = () => {
  const rules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.EventPattern !== undefined);
  expect(rules).toHaveLength(1);
  return rules[0] as [string, Resource];
};

describe('stopped lifecycle executions', () => {
  it('match a rule on this state machine’s failed, timed-out and aborted executions only', () => {
    const [, rule] = eventRule();
    const machines = ofType('AWS::StepFunctions::StateMachine');

    const pattern = rule.Properties.EventPattern as { source: string[]; 'detail-type': string[]; detail: { status: string[]; stateMachineArn: unknown[] } };
    expect(pattern.source).toEqual(['aws.states']);
    expect(pattern['detail-type']).toEqual(['Step Functions Execution Status Change']);
    expect([...pattern.detail.status].sort()).toEqual(['ABORTED', 'FAILED', 'TIMED_OUT']);
    expect(pattern.detail.stateMachineArn).toHaveLength(1);
    const machineName = String(machines[0]?.[1].Properties.StateMachineName);
    expect(machines).toHaveLength(1);
    expect(JSON.stringify(pattern.detail.stateMachineArn[0])).toContain(`:states:`);
    expect(JSON.stringify(pattern.detail.stateMachineArn[0])).toContain(`:stateMachine:${machineName}"`);
  });

  it('go to the function that flags or resumes the placement, retried twice, then to the dead-letter queue', () => {
    const [ruleId, rule] = eventRule();
    const permissions = ofType('AWS::Lambda::Permission').map(([, permission]) => permission.Properties);

    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: functionArnOf(spec.function),
        DeadLetterConfig: { Arn: expect.anything() },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
      }),
    ]);
    expect(permissions).toContainEqual(
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: functionArnOf(spec.function),
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      }),
    );
  });

  it('are handled by a function that may start executions of the lifecycle and read and write placements, and nothing more', () => {
    const statements = statementsOf(spec.function);

    const states = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('states:')));
    expect(states.flatMap(actionsOf)).toEqual(['states:StartExecution']);
    expect(JSON.stringify(states[0]?.Resource)).toContain(':stateMachine:');
    const dynamodb = statements.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'));
    expect(dynamodb.sort()).toEqual(functions[spec.function].tableActions.map((action) => `dynamodb:${action}`).sort());
  });

  it('leave the reconciliation a daily sweep, no longer a 15-minute poll', () => {
    const rules = ofType('AWS::Events::Rule').map(([, rule]) => rule.Properties);

    const sweep = rules.filter((rule) => JSON.stringify(rule.Targets).includes(logicalIdOf('reconcilePlacements')));
    expect(sweep.map((rule) => rule.ScheduleExpression)).toEqual([schedules.reconcilePlacements.expression]);
    expect(schedules.reconcilePlacements.expression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
  });
});
