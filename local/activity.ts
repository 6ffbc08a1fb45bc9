/**
 * Counts the work in flight in the local system (handler invocations, HTTP requests), so the virtual
 * clock can wait until everything that a fired timer set off has finished before firing the next.
 */
export class ActivityTracker {
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  /** How many pieces of work have finished so far: the clock tells a busy system from a stuck one by it. */
  private finished = 0;

  get completed(): number {
    return this.finished;
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.finished += 1;
      if (this.inFlight === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  /** Resolves at once when nothing is in flight, otherwise when the count next reaches zero. */
  whenQuiet(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
