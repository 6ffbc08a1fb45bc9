import * as FakeTimers from '@sinonjs/fake-timers';
import type { ActivityTracker } from './activity';

type InstalledClock = FakeTimers.Clock;

// Captured before the fake timers are installed: the clock itself must wait in real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetImmediate = globalThis.setImmediate;

/** The longest delay setTimeout honours; longer ones fire after 1 ms in Node and in fake-timers alike. */
const maxTimerDelayMs = 2 ** 31 - 1;
/** How long the system may stay busy with no work finishing before an advance gives up. */
const idleTimeoutMs = 60_000;

/** `INVALID` when the request cannot be honoured (going back), `NOT_IDLE` when the system stays busy. */
export class ClockError extends Error {
  constructor(
    message: string,
    readonly code: 'INVALID' | 'NOT_IDLE' = 'INVALID',
  ) {
    super(message);
  }
}

interface PendingTimer {
  callAt: number;
}

function isPendingTimer(value: unknown): value is PendingTimer {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'callAt') === 'number';
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/**
 * The local system's virtual clock: `Date`, `setTimeout` and `setInterval` are faked (and keep
 * running in real time between advances), so Wait states, task timeouts and schedules fire on
 * virtual time. One per process: it patches globals.
 */
export class VirtualClock {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly clock: InstalledClock,
    private readonly activity: ActivityTracker,
  ) {}

  static install(start: Date, activity: ActivityTracker): VirtualClock {
    const clock = FakeTimers.install({
      now: start,
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
      shouldAdvanceTime: true,
      shouldClearNativeTimers: true,
    });
    installLongTimeouts();
    return new VirtualClock(clock, activity);
  }

  now(): Date {
    return new Date(this.clock.now);
  }

  /**
   * Runs everything due up to `target`, one timer at a time, waiting until the system is idle
   * before each, so that what a timer sets off is stamped with that timer's instant. Advances are
   * serialized; the promise resolves with the new now once the system is idle.
   */
  advanceTo(target: Date): Promise<Date> {
    const run = this.queue.then(async () => {
      const targetMs = target.getTime();
      if (Number.isNaN(targetMs)) throw new ClockError('The target instant is not a valid date.');
      if (targetMs < this.clock.now) {
        throw new ClockError(`The clock cannot go back: now is ${this.now().toISOString()}, asked for ${target.toISOString()}.`);
      }
      for (;;) {
        await this.waitForIdle();
        const next = this.earliestTimerAt();
        if (next === undefined || next > targetMs) break;
        await this.clock.tickAsync(Math.max(0, next - this.clock.now));
      }
      if (targetMs > this.clock.now) await this.clock.tickAsync(targetMs - this.clock.now);
      await this.waitForIdle();
      return this.now();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  advanceBy(milliseconds: number): Promise<Date> {
    return this.advanceTo(new Date(this.clock.now + milliseconds));
  }

  /**
   * Idle: nothing tracked in flight, and that stays so over a few event-loop turns (state
   * transitions between Task and Wait states are promise continuations, not tracked work). A
   * system that keeps finishing work is busy, not stuck (a thousand placements due at one instant
   * take a while): it gives up only when nothing has finished for `idleTimeoutMs`.
   */
  async waitForIdle(): Promise<void> {
    let deadline = performance.now() + idleTimeoutMs;
    let completed = this.activity.completed;
    let quietTurns = 0;
    while (quietTurns < 3) {
      if (this.activity.completed !== completed) {
        completed = this.activity.completed;
        deadline = performance.now() + idleTimeoutMs;
      }
      if (performance.now() > deadline) {
        throw new ClockError(`The system did not become idle: nothing finished within ${idleTimeoutMs / 1000} s; a handler or request is stuck.`, 'NOT_IDLE');
      }
      await nextMacrotask();
      if (this.activity.busy) {
        quietTurns = 0;
        await withRealTimeout(this.activity.whenQuiet(), 1_000);
      } else {
        quietTurns += 1;
      }
    }
  }

  uninstall(): void {
    this.clock.uninstall();
  }

  private earliestTimerAt(): number | undefined {
    const timers: unknown = Reflect.get(this.clock, 'timers');
    if (!(timers instanceof Map)) return undefined;
    let earliest: number | undefined;
    for (const timer of timers.values()) {
      if (isPendingTimer(timer) && (earliest === undefined || timer.callAt < earliest)) earliest = timer.callAt;
    }
    return earliest;
  }
}

async function withRealTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let handle: ReturnType<typeof realSetTimeout> | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (handle = realSetTimeout(resolve, ms)))]);
  realClearTimeout(handle);
}

type TimerHandle = ReturnType<typeof setTimeout>;
type TimerCallback = (...args: unknown[]) => void;

/**
 * Wait states and task timeouts can be weeks long, beyond setTimeout's ~24.8-day limit: chain such
 * delays in steps, behind a handle that clearTimeout still cancels.
 */
function installLongTimeouts(): void {
  const fakeSetTimeout = globalThis.setTimeout;
  const fakeClearTimeout = globalThis.clearTimeout;
  const chains = new WeakMap<object, { current: TimerHandle }>();

  function setLongTimeout(callback: TimerCallback, delay?: number, ...args: unknown[]): TimerHandle {
    if (typeof delay !== 'number' || delay <= maxTimerDelayMs) return fakeSetTimeout(callback, delay, ...args);
    const dueAt = Date.now() + delay;
    const chain = { current: fakeSetTimeout(step, maxTimerDelayMs) };
    const handle = chain.current;
    chains.set(handle, chain);
    function step(): void {
      const remaining = dueAt - Date.now();
      if (remaining > 0) chain.current = fakeSetTimeout(step, Math.min(remaining, maxTimerDelayMs));
      else callback(...args);
    }
    return handle;
  }

  function clearLongTimeout(handle?: string | number | TimerHandle): void {
    const chain = typeof handle === 'object' && handle !== null ? chains.get(handle) : undefined;
    fakeClearTimeout(chain ? chain.current : handle);
  }

  Object.defineProperty(globalThis, 'setTimeout', { value: setLongTimeout, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'clearTimeout', { value: clearLongTimeout, writable: true, configurable: true });
}
