import { RemovalPolicy, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stateMachines, type FunctionName } from '../manifest';

export interface PlacementWorkflowProps {
  functions: Record<FunctionName, IFunction>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** The placement lifecycle state machine, loaded from its ASL file with the manifest's substitutions. */
export class PlacementWorkflow extends Construct {
  readonly stateMachine: StateMachine;

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
    this.stateMachine = new StateMachine(this, 'PlacementLifecycle', {
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
}
