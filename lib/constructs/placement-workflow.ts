import { ArnFormat, RemovalPolicy, Stack, Token, Validations, type CfnResource } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stateMachines, type FunctionName, type WorkflowAccess } from '../manifest';

export interface PlacementWorkflowProps {
  functions: Record<FunctionName, IFunction>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** The placement lifecycle state machine, loaded from its ASL file with the manifest's substitutions. */
export class PlacementWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /**
   * The ARNs by the machine's fixed name, not by reference: the lifecycle's own task function resumes
   * callbacks on this machine, and referencing the machine from that function would be a cycle.
   */
  readonly stateMachineArn: string;
  private readonly executionsArn: string;

  constructor(scope: Construct, id: string, { functions }: PlacementWorkflowProps) {
    super(scope, id);
    const spec = stateMachines.placementLifecycle;
    const substitutions = Object.fromEntries(
      Object.entries(spec.substitutions).map(([placeholder, name]) => [placeholder, functions[name].functionArn]),
    );
    const logs = new LogGroup(this, 'ExecutionLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stack = Stack.of(this);
    const stateMachineName = `${stack.stackName}-PlacementLifecycle`;
    this.stateMachineArn = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.executionsArn = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.stateMachine = new StateMachine(this, 'PlacementLifecycle', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      comment: spec.description,
      // Inline, not an S3 asset: the definition is reviewable in the template and diffs.
      definitionBody: DefinitionBody.fromString(readFileSync(path.join(repositoryRoot, spec.definition), 'utf8')),
      definitionSubstitutions: substitutions,
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    const role = this.stateMachine.role;
    for (const name of new Set<FunctionName>(Object.values(spec.substitutions))) {
      const fn = functions[name];
      fn.grantInvoke(this.stateMachine);
      const fnLogicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnResource);
      Validations.of(role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
        reason: 'Invoking a task function includes its versions and aliases (the ARN with a qualifier).',
      });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray trace segments and CloudWatch Logs delivery for Step Functions have no resource-level permissions.',
    });
  }

  /** What a function may do with the lifecycle (manifest `workflow`), and its STATE_MACHINE_ARN. */
  grantTo(fn: IFunction & { addEnvironment(key: string, value: string): unknown }, access: readonly WorkflowAccess[]): void {
    if (access.length === 0) return;
    fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachineArn);
    const allow = (actions: string[], resource: string) =>
      fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [resource] }));
    if (access.includes('start')) allow(['states:StartExecution'], this.stateMachineArn);
    if (access.includes('taskResponse')) allow(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], this.stateMachineArn);
    if (access.includes('stop')) allow(['states:StopExecution', 'states:DescribeExecution'], this.executionsArn);
    if (access.includes('observe')) {
      allow(['states:ListExecutions'], this.stateMachineArn);
      allow(['states:DescribeExecution', 'states:GetExecutionHistory'], this.executionsArn);
    }
    if ((access.includes('stop') || access.includes('observe')) && fn.role !== undefined) {
      const stack = Stack.of(this);
      const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:${stack.stackName}-PlacementLifecycle:*]`,
        reason: 'Executions are named per placement at run time; access stays within this one state machine.',
      });
    }
  }
}
