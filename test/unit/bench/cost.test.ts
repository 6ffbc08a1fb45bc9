import { describe, expect, it } from 'vitest';
import { costLines, countsBetween, lambdaCpuBound, placementCost, type CostCounts } from '../../../bin/bench/cost';

// The bench prices a placement from the local system's counts; the arithmetic is checked here.

const none: CostCounts = { stateTransitions: 0, lambda: {}, dynamodb: { readUnits: 0, writeUnits: 0 }, emailsSent: 0, apiRequests: 0, stepFunctionsApiCalls: {} };

const usdOf = (counts: CostCounts, service: string) => costLines(counts).find((line) => line.service === service)?.usd;

describe('the cost of the counts at list prices', () => {
  it('prices 1,000 state transitions at $0.025 and 1,000 emails at $0.10', () => {
    const counts = { ...none, stateTransitions: 1000, emailsSent: 1000 };

    expect(usdOf(counts, 'Step Functions transitions')).toBeCloseTo(0.025, 10);
    expect(usdOf(counts, 'SES emails')).toBeCloseTo(0.1, 10);
  });

  it('prices Lambda by requests and by GB-seconds of the configured memory', () => {
    // 1,000,000 runs of 1 s at 1,024 MB: $0.20 of requests and 1,000,000 GB-s.
    const counts = { ...none, lambda: { step: { count: 1_000_000, totalMs: 1_000_000_000, memoryMb: 1024 } } };

    expect(usdOf(counts, 'Lambda requests')).toBeCloseTo(0.2, 10);
    expect(usdOf(counts, 'Lambda duration (arm64)')).toBeCloseTo(13.3334, 6);
  });

  it('prices DynamoDB reads at $0.125 and writes at $0.625 per million units, HTTP API at $1 per million, Step Functions calls at nothing', () => {
    const counts = { ...none, dynamodb: { readUnits: 1_000_000, writeUnits: 1_000_000 }, apiRequests: 1_000_000, stepFunctionsApiCalls: { StartExecution: 5 } };

    expect(usdOf(counts, 'DynamoDB reads')).toBeCloseTo(0.125, 10);
    expect(usdOf(counts, 'DynamoDB writes')).toBeCloseTo(0.625, 10);
    expect(usdOf(counts, 'HTTP API requests')).toBeCloseTo(1, 10);
    expect(usdOf(counts, 'Step Functions API calls')).toBe(0);
  });
});

describe('the cost of a placement', () => {
  it('spreads the whole bill over the certified placements, and a month over its placements', () => {
    const counts = { ...none, stateTransitions: 4000, emailsSent: 1000 }; // $0.10 + $0.10
    const cost = placementCost(counts, { placements: 100, certified: 80, scheduledFunctions: [], placementsPerMonth: 1000 });

    expect(cost.totalUsd).toBeCloseTo(0.2, 10);
    expect(cost.usdPerCertifiedPlacement).toBeCloseTo(0.0025, 10);
    expect(cost.usdPerMonth).toBeCloseTo(2, 10);
    expect(cost.transitionsPerPlacement).toBe(40);
  });

  it("names what the scheduled functions' runs cost within the total", () => {
    const lambda = { reconcilePlacements: { count: 1_000_000, totalMs: 0, memoryMb: 512 }, createPlacement: { count: 1_000_000, totalMs: 0, memoryMb: 512 } };
    const cost = placementCost({ ...none, lambda }, { placements: 1, certified: 1, scheduledFunctions: ['reconcilePlacements'], placementsPerMonth: 1000 });

    expect(cost.scheduledUsd).toBeCloseTo(0.2, 10);
    expect(cost.totalUsd).toBeCloseTo(0.4, 10);
  });

  it('counts only what happened between two readings of the metrics', () => {
    const earlier = { ...none, stateTransitions: 10, lambda: { getPlacement: { count: 2, totalMs: 30, memoryMb: 512 } }, stepFunctionsApiCalls: { StartExecution: 1 } };
    const later = {
      ...none,
      stateTransitions: 35,
      lambda: { getPlacement: { count: 5, totalMs: 90, memoryMb: 512 }, createPlacement: { count: 1, totalMs: 12, memoryMb: 512 } },
      stepFunctionsApiCalls: { StartExecution: 1, SendTaskSuccess: 2 },
    };

    expect(countsBetween(earlier, later)).toEqual({
      ...none,
      stateTransitions: 25,
      lambda: { getPlacement: { count: 3, totalMs: 60, memoryMb: 512 }, createPlacement: { count: 1, totalMs: 12, memoryMb: 512 } },
      stepFunctionsApiCalls: { SendTaskSuccess: 2 },
    });
  });
});

describe('the Lambda bill bounded by the CPU the system used', () => {
  it('bills the CPU seconds at the memory the measured time was spent at, never more than the measured time', () => {
    // 10 s measured at 1,024 MB and 10 s at 512 MB: 15 GB-s over 20 s, 0.75 GB on average.
    const lambda = { step: { count: 1, totalMs: 10_000, memoryMb: 1024 }, page: { count: 1, totalMs: 10_000, memoryMb: 512 } };

    expect(lambdaCpuBound({ ...none, lambda }, 4).gbSeconds).toBeCloseTo(3, 10);
    expect(lambdaCpuBound({ ...none, lambda }, 60).gbSeconds).toBeCloseTo(15, 10);
  });
});
