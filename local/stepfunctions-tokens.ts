import { randomBytes } from 'node:crypto';
import { SfnError, TaskFailure, type Execution } from './stepfunctions-types';

type TokenStatus = 'issued' | 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'closed';
type EndedStatus = Exclude<TokenStatus, 'issued' | 'waiting'>;

interface TaskToken {
  token: string;
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
  /** Tokens still issued or waited on. */
  private readonly tokens = new Map<string, TaskToken>();
  /** The live tokens of each execution, so that ending one does not scan every token ever issued. */
  private readonly byExecution = new Map<Execution, Set<TaskToken>>();
  /** How each ended token ended: all that is left of it, so a late answer is refused as AWS does. */
  private readonly ended = new Map<string, EndedStatus>();
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
    this.end(task, 'succeeded');
    task.resolve?.(parsed);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const task = this.waiting(token);
    this.end(task, 'failed');
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
    for (const task of this.byExecution.get(execution) ?? []) if (task.stateName === stateName) this.settle(task.token, 'timedOut');
  }

  /** The execution ended or was stopped. */
  close(execution: Execution): void {
    for (const task of this.byExecution.get(execution) ?? []) this.settle(task.token, 'closed');
    this.byExecution.delete(execution);
    this.unclaimed.delete(execution);
  }

  private issue(execution: Execution): string {
    const token = `AQB${randomBytes(48).toString('base64url')}`;
    const task: TaskToken = { token, status: 'issued', execution };
    this.tokens.set(token, task);
    const live = this.byExecution.get(execution) ?? new Set<TaskToken>();
    live.add(task);
    this.byExecution.set(execution, live);
    return token;
  }

  private waiting(token: string): TaskToken {
    if (!tokenPattern.test(token)) throw new SfnError('InvalidToken', 'Invalid Token: the task token is malformed.');
    const task = this.tokens.get(token);
    const status = task?.status ?? this.ended.get(token);
    if (status === 'timedOut' || status === 'closed') {
      throw new SfnError('TaskTimedOut', 'Task Timed Out: the task timed out or its execution has ended.');
    }
    if (!task || status !== 'waiting') {
      throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist: the token is unknown or its task already completed.');
    }
    return task;
  }

  /** Ends a token's life; a task still waiting on it fails, so a stopped execution unwinds at once. */
  private settle(token: string, status: EndedStatus): void {
    const task = this.tokens.get(token);
    if (!task) return;
    const wasWaiting = task.status === 'waiting';
    this.end(task, status);
    if (wasWaiting) task.reject?.(new TaskFailure('States.Runtime', `The task token is ${status}.`));
  }

  /** Keeps only how the token ended: the task, its execution and its promise can then be collected. */
  private end(task: TaskToken, status: EndedStatus): void {
    task.status = status;
    clearHeartbeat(task);
    this.tokens.delete(task.token);
    this.ended.set(task.token, status);
    this.byExecution.get(task.execution)?.delete(task);
  }

  private armHeartbeat(task: TaskToken): void {
    const heartbeat = task.heartbeat;
    if (!heartbeat) return;
    if (heartbeat.timer) clearTimeout(heartbeat.timer);
    heartbeat.timer = setTimeout(() => {
      if (task.status !== 'waiting') return;
      this.end(task, 'timedOut');
      task.reject?.(new TaskFailure('States.HeartbeatTimeout', 'No heartbeat within HeartbeatSeconds.'));
    }, heartbeat.seconds * 1000);
  }
}

function clearHeartbeat(task: TaskToken): void {
  if (task.heartbeat?.timer) clearTimeout(task.heartbeat.timer);
}
