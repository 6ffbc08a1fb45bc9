import { randomUUID } from 'node:crypto';
import { workflowEvents } from '../lib/manifest';
import type { ActivityTracker } from './activity';
import { localAccountId, localRegion, stateMachineArn } from './arns';
import { FunctionError, type LocalFunctions } from './functions';
import type { Execution } from './stepfunctions-types';

/** Step Functions' "Execution Status Change" event, in the shape EventBridge delivers it in AWS. */
export interface ExecutionStatusChange {
  version: '0';
  id: string;
  'detail-type': 'Step Functions Execution Status Change';
  source: 'aws.states';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: Execution['status'];
    startDate: number;
    stopDate: number | null;
    input: string;
    inputDetails: { included: boolean };
    output: string | null;
    outputDetails: { included: boolean } | null;
    error: string | null;
    cause: string | null;
  };
}

/** The event AWS sends when `execution` has just entered its current status. */
export function executionStatusChange(execution: Execution): ExecutionStatusChange {
  const at = execution.stopDate ?? execution.startDate;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: localAccountId,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: localRegion,
    resources: [execution.arn],
    detail: {
      executionArn: execution.arn,
      stateMachineArn: execution.machine.arn,
      name: execution.name,
      status: execution.status,
      startDate: execution.startDate.getTime(),
      stopDate: execution.stopDate?.getTime() ?? null,
      input: execution.input,
      inputDetails: { included: true },
      output: execution.output ?? null,
      outputDetails: execution.output === undefined ? null : { included: true },
      error: execution.error ?? null,
      cause: execution.cause ?? null,
    },
  };
}

interface LocalRule {
  name: string;
  stateMachineArn: string;
  statuses: readonly string[];
  function: string;
}

/** The rule's event pattern: source, detail-type, this state machine, one of the statuses. */
function matches(rule: LocalRule, event: ExecutionStatusChange): boolean {
  return (
    event.source === 'aws.states' &&
    event['detail-type'] === 'Step Functions Execution Status Change' &&
    event.detail.stateMachineArn === rule.stateMachineArn &&
    rule.statuses.includes(event.detail.status)
  );
}

/**
 * EventBridge's default bus for the local system: the manifest's `workflowEvents` rules deliver the
 * events they match to their function. Asynchronously, as in AWS: the sender (the Step Functions
 * engine) carries on, and a failed delivery is logged, never thrown back at it. Each delivery counts
 * as work in flight, so the virtual clock waits for it.
 */
export class LocalEventBus {
  readonly rules: LocalRule[] = Object.entries(workflowEvents).map(([name, spec]) => ({
    name,
    stateMachineArn: stateMachineArn(spec.stateMachine),
    statuses: spec.statuses,
    function: spec.function,
  }));

  constructor(
    private readonly functions: LocalFunctions,
    private readonly activity: ActivityTracker,
  ) {}

  put(event: ExecutionStatusChange): void {
    for (const rule of this.rules) {
      if (!matches(rule, event)) continue;
      void this.activity.track(async () => {
        // Not in the sender's turn: EventBridge delivers after the status change, not during it.
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          await this.functions.invoke(rule.function, event);
        } catch (error) {
          console.error(`event rule ${rule.name} → ${rule.function} failed:`, FunctionError.from(error));
        }
      });
    }
  }
}
