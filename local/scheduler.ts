import awsCronParser from 'aws-cron-parser';
import { randomUUID } from 'node:crypto';
import { schedules as manifestSchedules } from '../lib/manifest';
import { localAccountId, localRegion } from './arns';
import { FunctionError, type LocalFunctions } from './functions';

export interface LocalSchedule {
  name: string;
  expression: string;
  function: string;
}

const rateUnits: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** The next instant strictly after `from` that an EventBridge `rate(…)`/`cron(…)` expression (UTC) fires. */
export function nextOccurrence(expression: string, from: Date, startedAt: Date): Date | undefined {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate?.[1] && rate[2]) {
    const period = Number(rate[1]) * (rateUnits[rate[2]] ?? Number.NaN);
    if (!Number.isFinite(period) || period <= 0) throw new Error(`Invalid rate expression ${expression}.`);
    // Rates count from when the rule was created: here, when the local system started.
    const elapsed = from.getTime() - startedAt.getTime();
    return new Date(startedAt.getTime() + (Math.floor(elapsed / period) + 1) * period);
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron?.[1]) return awsCronParser.next(awsCronParser.parse(cron[1]), from) ?? undefined;
  throw new Error(`Unsupported schedule expression ${expression}.`);
}

/** EventBridge for the local system: the manifest's schedules fire their functions on the virtual clock. */
export class Scheduler {
  readonly schedules: LocalSchedule[] = Object.entries(manifestSchedules).map(([name, spec]) => ({
    name,
    expression: spec.expression,
    function: spec.function,
  }));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly startedAt = new Date();

  constructor(private readonly functions: LocalFunctions) {
    // Fail at start-up, not at the first firing, on an expression this scheduler cannot run.
    for (const schedule of this.schedules) nextOccurrence(schedule.expression, this.startedAt, this.startedAt);
  }

  /** Arms every schedule, or only those named in `only`. */
  start(only?: ReadonlySet<string>): void {
    for (const schedule of this.schedules) if (only === undefined || only.has(schedule.name)) this.arm(schedule, new Date());
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(schedule: LocalSchedule, after: Date): void {
    const at = nextOccurrence(schedule.expression, after, this.startedAt);
    if (!at) return;
    this.timers.set(
      schedule.name,
      setTimeout(() => {
        this.arm(schedule, at);
        void this.fire(schedule, at);
      }, at.getTime() - Date.now()),
    );
  }

  private async fire(schedule: LocalSchedule, at: Date): Promise<void> {
    const time = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: localAccountId,
      time,
      region: localRegion,
      resources: [`arn:aws:events:${localRegion}:${localAccountId}:rule/${schedule.name}`],
      detail: {},
    };
    try {
      await this.functions.invoke(schedule.function, event);
    } catch (error) {
      const failure = FunctionError.from(error);
      console.error(`schedule ${schedule.name} → ${schedule.function} failed:`, failure);
    }
  }
}
