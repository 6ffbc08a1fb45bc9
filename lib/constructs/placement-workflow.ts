import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
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
      definitionBody: DefinitionBody.fromFile(path.join(repositoryRoot, spec.definition)),
      definitionSubstitutions: substitutions,
      // Long enough for late paperwork plus the week; the reconciliation resumes anything longer.
      timeout: Duration.days(90),
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    for (const name of new Set(Object.values(spec.substitutions))) functions[name].grantInvoke(this.stateMachine);
  }
}
