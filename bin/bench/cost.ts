/**
 * What a placement costs in AWS, from the counts the local system keeps (GET /_local/metrics), at
 * the us-east-1 list prices below. Pure arithmetic, so it can be tested without timing anything.
 */

/** Step Functions Standard: USD per state transition ($0.025 per 1,000). */
export const stepFunctionsUsdPerTransition = 0.025 / 1_000;
/** Lambda arm64: USD per GB-second of duration. */
export const lambdaArmUsdPerGbSecond = 0.0000133334;
/** Lambda: USD per request ($0.20 per 1M). */
export const lambdaUsdPerRequest = 0.2 / 1_000_000;
/** DynamoDB on-demand: USD per read request unit ($0.125 per 1M). */
export const dynamodbUsdPerReadUnit = 0.125 / 1_000_000;
/** DynamoDB on-demand: USD per write request unit ($0.625 per 1M). */
export const dynamodbUsdPerWriteUnit = 0.625 / 1_000_000;
/** SES: USD per email ($0.10 per 1,000). */
export const sesUsdPerEmail = 0.1 / 1_000;
/** API Gateway HTTP API: USD per request ($1.00 per 1M). */
export const httpApiUsdPerRequest = 1 / 1_000_000;
/** Step Functions API calls (StartExecution, SendTaskSuccess, …) are not billed; they are counted only. */
export const stepFunctionsApiUsdPerCall = 0;

export const targetUsdPerCertifiedPlacement = 0.003;
export const targetTransitionsPerPlacement = 40;

export interface FunctionRuns {
  count: number;
  totalMs: number;
  memoryMb: number;
}

/** The counts of GET /_local/metrics this arithmetic reads. */
export interface CostCounts {
  stateTransitions: number;
  lambda: Record<string, FunctionRuns>;
  dynamodb: { readUnits: number; writeUnits: number };
  emailsSent: number;
  apiRequests: number;
  stepFunctionsApiCalls: Record<string, number>;
}

export interface CostLine {
  service: string;
  quantity: number;
  unit: string;
  usd: number;
}

export function gbSeconds(runs: FunctionRuns): number {
  return (runs.totalMs / 1000) * (runs.memoryMb / 1024);
}

/** The bill of the counts, service by service. */
export function costLines(counts: CostCounts): CostLine[] {
  const functions = Object.values(counts.lambda);
  const invocations = functions.reduce((sum, runs) => sum + runs.count, 0);
  const duration = functions.reduce((sum, runs) => sum + gbSeconds(runs), 0);
  const sfnCalls = Object.values(counts.stepFunctionsApiCalls).reduce((sum, calls) => sum + calls, 0);
  return [
    { service: 'Step Functions transitions', quantity: counts.stateTransitions, unit: 'transitions', usd: counts.stateTransitions * stepFunctionsUsdPerTransition },
    { service: 'Lambda requests', quantity: invocations, unit: 'invocations', usd: invocations * lambdaUsdPerRequest },
    { service: 'Lambda duration (arm64)', quantity: duration, unit: 'GB-s', usd: duration * lambdaArmUsdPerGbSecond },
    { service: 'DynamoDB reads', quantity: counts.dynamodb.readUnits, unit: 'RRU', usd: counts.dynamodb.readUnits * dynamodbUsdPerReadUnit },
    { service: 'DynamoDB writes', quantity: counts.dynamodb.writeUnits, unit: 'WRU', usd: counts.dynamodb.writeUnits * dynamodbUsdPerWriteUnit },
    { service: 'SES emails', quantity: counts.emailsSent, unit: 'emails', usd: counts.emailsSent * sesUsdPerEmail },
    { service: 'HTTP API requests', quantity: counts.apiRequests, unit: 'requests', usd: counts.apiRequests * httpApiUsdPerRequest },
    { service: 'Step Functions API calls', quantity: sfnCalls, unit: 'calls (free)', usd: sfnCalls * stepFunctionsApiUsdPerCall },
  ];
}

/** `later − earlier`, count by count: what happened between two readings of the metrics. */
export function countsBetween(earlier: CostCounts, later: CostCounts): CostCounts {
  const lambda: Record<string, FunctionRuns> = {};
  for (const [name, runs] of Object.entries(later.lambda)) {
    const before = earlier.lambda[name] ?? { count: 0, totalMs: 0, memoryMb: runs.memoryMb };
    if (runs.count > before.count) lambda[name] = { count: runs.count - before.count, totalMs: runs.totalMs - before.totalMs, memoryMb: runs.memoryMb };
  }
  const stepFunctionsApiCalls: Record<string, number> = {};
  for (const [action, calls] of Object.entries(later.stepFunctionsApiCalls)) {
    const difference = calls - (earlier.stepFunctionsApiCalls[action] ?? 0);
    if (difference > 0) stepFunctionsApiCalls[action] = difference;
  }
  return {
    stateTransitions: later.stateTransitions - earlier.stateTransitions,
    lambda,
    dynamodb: { readUnits: later.dynamodb.readUnits - earlier.dynamodb.readUnits, writeUnits: later.dynamodb.writeUnits - earlier.dynamodb.writeUnits },
    emailsSent: later.emailsSent - earlier.emailsSent,
    apiRequests: later.apiRequests - earlier.apiRequests,
    stepFunctionsApiCalls,
  };
}

export interface PlacementCost {
  lines: CostLine[];
  totalUsd: number;
  /** Of the total, what the scheduled functions' runs cost. */
  scheduledUsd: number;
  /** Everything the run cost, borne by the placements that certified (the others' cost included). */
  usdPerCertifiedPlacement: number;
  usdPerMonth: number;
  transitionsPerPlacement: number;
}

/**
 * The run's whole bill spread over its placements. The scheduled functions (reconciliation, reminders,
 * digests) ran during the placements' week on the virtual clock; their runs are in the total, so each
 * placement carries an equal share of them. A month of `placementsPerMonth` costs that many shares.
 */
export function placementCost(
  counts: CostCounts,
  run: { placements: number; certified: number; scheduledFunctions: readonly string[]; placementsPerMonth: number },
): PlacementCost {
  const lines = costLines(counts);
  const totalUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  const scheduled = Object.fromEntries(Object.entries(counts.lambda).filter(([name]) => run.scheduledFunctions.includes(name)));
  const scheduledUsd = costLines({ ...counts, stateTransitions: 0, lambda: scheduled, dynamodb: { readUnits: 0, writeUnits: 0 }, emailsSent: 0, apiRequests: 0, stepFunctionsApiCalls: {} }).reduce(
    (sum, line) => sum + line.usd,
    0,
  );
  return {
    lines,
    totalUsd,
    scheduledUsd,
    usdPerCertifiedPlacement: run.certified === 0 ? Number.NaN : totalUsd / run.certified,
    usdPerMonth: run.placements === 0 ? Number.NaN : (totalUsd / run.placements) * run.placementsPerMonth,
    transitionsPerPlacement: run.placements === 0 ? Number.NaN : counts.stateTransitions / run.placements,
  };
}

/**
 * The Lambda duration bill if the handlers had used no more than the CPU the whole local system used
 * (`cpuSeconds`), at the memory their measured time was spent at: a bound from below on what the
 * summed wall times (which include waiting for the shared event loop) overstate.
 */
export function lambdaCpuBound(counts: CostCounts, cpuSeconds: number): { gbSeconds: number; usd: number } {
  const functions = Object.values(counts.lambda);
  const seconds = functions.reduce((sum, runs) => sum + runs.totalMs / 1000, 0);
  const measured = functions.reduce((sum, runs) => sum + gbSeconds(runs), 0);
  const gb = seconds === 0 ? 0 : measured / seconds;
  const bounded = Math.min(cpuSeconds, seconds) * gb;
  return { gbSeconds: bounded, usd: bounded * lambdaArmUsdPerGbSecond };
}
