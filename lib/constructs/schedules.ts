import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { schedules, workflowEvents, type FunctionName, type StateMachineName } from '../manifest';

export interface CohortSchedulesProps {
  functions: Record<FunctionName, IFunction>;
  /** Each state machine's ARN, for the rules on its executions' status changes. */
  stateMachineArns: Record<StateMachineName, string>;
}

/**
 * EventBridge rules for cohort-level work and for the lifecycle's status-change events (manifest
 * `workflowEvents`); failed invocations land in one dead-letter queue.
 */
export class CohortSchedules extends Construct {
  readonly deadLetterQueue: Queue;
  readonly rules: Rule[] = [];

  constructor(scope: Construct, id: string, { functions, stateMachineArns }: CohortSchedulesProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'ScheduleDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedule targets; its depth raises an alarm.',
    });
    const target = (fn: IFunction) =>
      new LambdaFunction(fn, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(2) });
    for (const [name, spec] of Object.entries(schedules)) {
      const rule = new Rule(this, `${name}Schedule`, {
        description: spec.description,
        schedule: Schedule.expression(spec.expression),
      });
      rule.addTarget(target(functions[spec.function]));
      this.rules.push(rule);
    }
    for (const [name, spec] of Object.entries(workflowEvents)) {
      const rule = new Rule(this, `${name}Events`, {
        description: spec.description,
        eventPattern: {
          source: ['aws.states'],
          detailType: ['Step Functions Execution Status Change'],
          detail: { status: [...spec.statuses], stateMachineArn: [stateMachineArns[spec.stateMachine]] },
        },
      });
      rule.addTarget(target(functions[spec.function]));
      this.rules.push(rule);
    }
  }
}
