import { randomBytes } from 'node:crypto';
import { SfnError, TaskFailure, type Execution } from './stepfunctions-types';

type TokenStatus = 'issued' | 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'closed';

interface TaskToken {
  status: TokenStatus;
  execution: Execution;
  stateName?: string;
  resolve?: (output: unknown) => void;
  reject?: (error: Error) => void;
  heartbeat?: { seconds: number; timer?: ReturnType<typeof setTimeout> };
}

const tokenPattern = /^AQB[A-Za-z0-9_-]{64}$/;

/**
 * The task tokens of callback tasks: issued to `$$.Task.Token`, waited on by the task that claimed
 * them, answered by SendTaskSuccess/SendTaskFailure, kept alive by SendTaskHeartbeat within
 * HeartbeatSeconds, and closed when their task times out or their execution ends.
 */
export class TaskTokens {
  private readonly tokens = new Map<string, TaskToken>();
  /** The token `$$.Task.Token` last produced in each execution, until a task claims it. */
  private readonly unclaimed = new Map<Execution, string>();

  /**
   * `$$.Task.Token`, which aws-local-stepfunctions does not fill: a token is issued on first read and
   * claimed by the callback task that asked for it (the next attempt gets a fresh one).
   */
  read(execution: Execution): string {
    const token = this.unclaimed.get(execution) ?? this.issue(execution);
    this.unclaimed.set(execution, token);
    return token;
  }

  /** As a task starts: a callback task gets the token its Parameters read (a fresh one if they read none); any task ends the claim. */
  claim(execution: Execution, callback: boolean): string | undefined {
    const token = this.unclaimed.get(execution);
    this.unclaimed.delete(execution);
    return callback ? (token ?? this.issue(execution)) : undefined;
  }

  /** What the token is answered with; rejected on failure, heartbeat timeout, or when the token is closed. */
  wait(token: string, stateName: string, heartbeatSeconds: number | undefined): Promise<unknown> {
    const task = this.tokens.get(token);
    if (!task) throw new TaskFailure('States.Runtime', 'The task token is unknown.');
    const answer = new Promise((resolve, reject) => {
      task.status = 'waiting';
      task.stateName = stateName;
      task.resolve = resolve;
      task.reject = reject;
    });
    // It may be rejected (execution stopped) while the task's function is still running.
    answer.catch(() => undefined);
    if (heartbeatSeconds !== undefined) {
      task.heartbeat = { seconds: heartbeatSeconds };
      this.armHeartbeat(task);
    }
    return answer;
  }

  succeed(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid Output: the output is not valid JSON.');
    }
    const task = this.waiting(token);
    task.status = 'succeeded';
    clearHeartbeat(task);
    task.resolve?.(parsed);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const task = this.waiting(token);
    task.status = 'failed';
    clearHeartbeat(task);
    task.reject?.(new TaskFailure(error ?? 'States.TaskFailed', cause ?? ''));
  }

  heartbeat(token: string): void {
    const task = this.waiting(token);
    if (task.heartbeat) this.armHeartbeat(task);
  }

  /** The task's function failed: its token can no longer be answered. */
  abandon(token: string): void {
    this.settle(token, 'failed');
  }

  /** The state's task timed out: its tokens answer TaskTimedOut from now on. */
  timeOut(execution: Execution, stateName: string): void {
    for (const [token, task] of this.tokens) if (task.execution === execution && task.stateName === stateName) this.settle(token, 'timedOut');
  }

  /** The execution ended or was stopped. */
  close(execution: Execution): void {
    for (const [token, task] of this.tokens) if (task.execution === execution) this.settle(token, 'closed');
  }

  private issue(execution: Execution): string {
    const token = `AQB${randomBytes(48).toString('base64url')}`;
    this.tokens.set(token, { status: 'issued', execution });
    return token;
  }

  private waiting(token: string): TaskToken {
    if (!tokenPattern.test(token)) throw new SfnError('InvalidToken', 'Invalid Token: the task token is malformed.');
    const task = this.tokens.get(token);
    if (!task || task.status === 'issued' || task.status === 'succeeded' || task.status === 'failed') {
      throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist: the token is unknown or its task already completed.');
    }
    if (task.status === 'timedOut' || task.status === 'closed') {
      throw new SfnError('TaskTimedOut', 'Task Timed Out: the task timed out or its execution has ended.');
    }
    return task;
  }

  /** Ends a token's life; a task still waiting on it fails, so a stopped execution unwinds at once. */
  private settle(token: string, status: TokenStatus): void {
    const task = this.tokens.get(token);
    if (!task || (task.status !== 'waiting' && task.status !== 'issued')) return;
    const wasWaiting = task.status === 'waiting';
    task.status = status;
    clearHeartbeat(task);
    if (wasWaiting) task.reject?.(new TaskFailure('States.Runtime', `The task token is ${status}.`));
  }

  private armHeartbeat(task: TaskToken): void {
    const heartbeat = task.heartbeat;
    if (!heartbeat) return;
    if (heartbeat.timer) clearTimeout(heartbeat.timer);
    heartbeat.timer = setTimeout(() => {
      if (task.status !== 'waiting') return;
      task.status = 'timedOut';
      task.reject?.(new TaskFailure('States.HeartbeatTimeout', 'No heartbeat within HeartbeatSeconds.'));
    }, heartbeat.seconds * 1000);
  }
}

function clearHeartbeat(task: TaskToken): void {
  if (task.heartbeat?.timer) clearTimeout(task.heartbeat.timer);
}
