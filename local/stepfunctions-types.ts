import type { StateMachine } from 'aws-local-stepfunctions';

/** What the local Step Functions engine keeps about state machines and executions, shared by its parts. */

/** A state machine the local service runs: an ASL file and the functions filling its `${…}` placeholders. */
export interface LocalStateMachineSpec {
  name: string;
  /** Absolute path of the ASL file. */
  definitionPath: string;
  description?: string;
  /** `${Placeholder}` → function name. */
  substitutions: Record<string, string>;
}

/** An error the Step Functions API answers with (`__type`), as AWS names it. */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** A Task failure that carries the error name States matches Retry/Catch on. */
export class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** The Task resources the local service runs: a Lambda invoke, and the callback pattern's, which then waits for its task token. */
export const invokeResource = 'arn:aws:states:::lambda:invoke';
export const waitForTaskTokenResource = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/** A Task state as the definition states it (before the engine fills in timeouts). */
export interface TaskDefinition {
  Resource: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
}

export interface LoadedStateMachine {
  arn: string;
  name: string;
  description: string;
  /** The definition after substitution, as DescribeStateMachine returns it. */
  definition: string;
  substitutions: Record<string, string>;
  creationDate: Date;
  runner: StateMachine;
  /** Every Task state (nested ones included) by name. */
  tasks: Map<string, TaskDefinition>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  details: Record<string, unknown>;
}

export interface Execution {
  arn: string;
  name: string;
  machine: LoadedStateMachine;
  input: string;
  startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  abort: () => void;
  /** The parameters each task was last called with and its raw result, by state name, for the history. */
  taskParameters: Map<string, unknown>;
  taskResults: Map<string, unknown>;
}
