import { parseArgs } from 'node:util';
import { z } from 'zod';
import { benchBundles } from './bench/bundles';
import { sampleRss, startLocalProcess, treeCpuSeconds, treeRss } from './bench/local-process';
import { benchStart, drivePlacements } from './bench/placements';
import { printPlacementsReport } from './bench/report';

/**
 * `npm run bench [-- --placements N]`: the figures the team watches, measured here rather than asserted in tests.
 *   1. each Lambda bundle's size and cold-start import time (built as the CDK stack builds it);
 *   2. N placements (default 100) through the virtual week on one local system started as `npm start`
 *      starts it: time per placement, peak memory, and that no effect was lost or doubled;
 *   3. signed webhooks at 32 concurrent against the raw DynamoDB rate of the same dynalite;
 *   4. what a certified placement costs in AWS, from the system's own counts.
 */

const usage = 'Usage: npm run bench -- [--placements <N>]   (default 100; 1000 for the figure at scale)';

function readOptions(): { placements: number } {
  try {
    const { values } = parseArgs({ options: { placements: { type: 'string', default: '100' }, help: { type: 'boolean', default: false } } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return { placements: z.coerce.number().int().min(1).max(10_000).parse(values.placements) };
  } catch (error) {
    console.error(`${error instanceof z.ZodError ? '--placements must be a whole number from 1 to 10000.' : error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(1);
  }
}

async function placementsAtScale(placements: number): Promise<boolean> {
  const staffToken = 'bench-staff-token';
  const system = await startLocalProcess({ now: benchStart, staffToken });
  try {
    // Idle: started, the start-up reconciliation done, nothing driven yet.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = treeRss(system.pid);
    const sampler = sampleRss(system.pid);
    try {
      const result = await drivePlacements(system.baseUrl, staffToken, placements, () => treeCpuSeconds(system.pid));
      return printPlacementsReport(result, { idle, peak: sampler.peak() });
    } finally {
      sampler.stop();
    }
  } finally {
    await system.stop();
  }
}

/** The bundles' figures are one part: when they cannot be measured, the placements' still are. */
async function bundles(): Promise<boolean> {
  try {
    await benchBundles();
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nThe Lambda bundles could not be measured: ${message.split('\n').find((line) => line.startsWith('Error')) ?? message.split('\n')[0]}`);
    return false;
  }
}

const options = readOptions();
const bundlesMeasured = await bundles();
const correct = await placementsAtScale(options.placements);
process.exit(bundlesMeasured && correct ? 0 : 1);
