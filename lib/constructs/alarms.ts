import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OperationalAlarmsProps {
  functions: Record<string, IFunction>;
  stateMachine: StateMachine;
  deadLetterQueue: Queue;
  alarmEmail?: string;
}

/** What pages the on-call engineer: failed or timed-out executions, handler errors, dead letters. */
export class OperationalAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'VE Certification alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, description: string, metric: IMetric) =>
      new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);

    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    alarm('ExecutionsFailed', 'A placement lifecycle execution failed: the placement is flagged needsAttention.', props.stateMachine.metricFailed(fiveMinutes));
    alarm('ExecutionsTimedOut', 'A placement lifecycle execution timed out.', props.stateMachine.metricTimedOut(fiveMinutes));
    alarm(
      'ScheduleDeadLetters',
      'A scheduled job failed all its retries; its event is in the dead-letter queue.',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, `The ${name} function reported errors.`, fn.metricErrors(fiveMinutes));
    }
  }
}
