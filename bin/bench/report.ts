import { schedules } from '../../lib/manifest';
import { countsBetween, lambdaCpuBound, placementCost, targetTransitionsPerPlacement, targetUsdPerCertifiedPlacement } from './cost';
import type { DriveResult } from './placements';

/** The figures of the placements run, each beside its target. */

export const targetMsPerPlacement = 150;
export const targetPeakRssBytes = 1024 ** 3;
export const targetWebhookRatio = 0.6;
export const targetWebhookP99Ms = 100;
export const placementsPerMonth = 1000;

const mark = (met: boolean) => (met ? 'ok' : 'MISSED');
const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const usd = (value: number, digits = 5) => `$${value.toFixed(digits)}`;

export function printPlacementsReport(result: DriveResult, rss: { idle: number; peak: number }): boolean {
  const msPerPlacement = result.driveMs / result.placements;
  const correct = result.wrongEndState.length === 0 && result.emailProblems.length === 0 && result.webhooks.failed === 0;
  console.log(`\n${result.placements} placements through the virtual week (one local system as npm start runs it, in memory; ${32} concurrent)`);
  console.log(`  drive time                ${(result.driveMs / 1000).toFixed(1)} s`);
  console.log(`  wall time per placement   ${msPerPlacement.toFixed(1)} ms        target ≤ ${targetMsPerPlacement} ms          ${mark(msPerPlacement <= targetMsPerPlacement)}`);
  if (result.placements < 1000) console.log(`                            (compare with npm run bench -- --placements 1000: target within 1.2× of this)`);
  console.log(`  RSS idle after start      ${megabytes(rss.idle)}`);
  console.log(`  RSS peak                  ${megabytes(rss.peak)}        target ≤ 1 GB            ${mark(rss.peak <= targetPeakRssBytes)}`);
  console.log(
    `  end states                ${result.certified - result.wrongEndState.filter((line) => line.endsWith('not ACTIVE')).length} ACTIVE of ${result.certified} certified, ` +
      `${result.notCertified - result.wrongEndState.filter((line) => line.endsWith('not NOT_CERTIFIED')).length} NOT_CERTIFIED of ${result.notCertified} failed (interview again)`,
  );
  console.log(`  emails per placement      ${result.emailsPerPlacement.certified} certified, ${result.emailsPerPlacement.notCertified} not certified; each exactly once`);
  console.log(`  lost or doubled effects   ${result.emailProblems.length + result.wrongEndState.length} (target 0)       ${mark(correct)}`);
  for (const problem of [...result.wrongEndState, ...result.emailProblems].slice(0, 10)) console.log(`    ${problem}`);

  const { webhooks } = result;
  const ratio = webhooks.perSecond / result.rawTableRoundsPerSecond;
  console.log(`\nSigned webhooks (DocuSign envelope-completed and checkout paid, each delivered twice; ${32} concurrent)`);
  console.log(`  deliveries                ${webhooks.deliveries} (${webhooks.failed} not answered 200)`);
  console.log(`  rate                      ${webhooks.perSecond.toFixed(0)}/s`);
  console.log(`  p50                       ${webhooks.p50Ms.toFixed(1)} ms`);
  console.log(`  p99                       ${webhooks.p99Ms.toFixed(1)} ms        target ≤ ${targetWebhookP99Ms} ms          ${mark(webhooks.p99Ms <= targetWebhookP99Ms)}`);
  console.log(`  raw dynalite              ${result.rawTableRoundsPerSecond.toFixed(0)}/s rounds of GetItem pointer, Query event, GetItem placement, conditional PutItem (same dynalite, SDK client, ${32} concurrent)`);
  console.log(`  webhooks ÷ raw            ${ratio.toFixed(2)}×        target ≥ ${targetWebhookRatio}×            ${mark(ratio >= targetWebhookRatio)}`);

  const counts = countsBetween(result.metrics.before, result.metrics.after);
  const cost = placementCost(counts, { placements: result.placements, certified: result.certified, scheduledFunctions: Object.values(schedules).map((schedule) => schedule.function), placementsPerMonth });
  console.log(`\nCost in AWS (us-east-1 list prices; counts from GET /_local/metrics over the drive, scheduled runs included)`);
  console.log('  service                       quantity           USD');
  for (const line of cost.lines) console.log(`  ${line.service.padEnd(28)} ${line.quantity.toFixed(line.unit === 'GB-s' ? 1 : 0).padStart(10)} ${line.unit.padEnd(13)} ${usd(line.usd)}`);
  console.log(`  total                                           ${usd(cost.totalUsd)} (scheduled functions' Lambda share ${usd(cost.scheduledUsd)})`);
  console.log(`  Lambda by function: ${Object.entries(counts.lambda).map(([name, runs]) => `${name} ${runs.count}× ${(runs.totalMs / runs.count).toFixed(1)} ms @${runs.memoryMb} MB`).join('; ')}`);
  console.log(`  Step Functions API calls (free): ${Object.entries(counts.stepFunctionsApiCalls).map(([action, calls]) => `${action} ${calls}`).join(', ') || 'none'}`);
  console.log(`  state transitions per placement  ${cost.transitionsPerPlacement.toFixed(1)}        target ≤ ${targetTransitionsPerPlacement}             ${mark(cost.transitionsPerPlacement <= targetTransitionsPerPlacement)}`);
  console.log(`  per certified placement          ${usd(cost.usdPerCertifiedPlacement)}    target ≤ ${usd(targetUsdPerCertifiedPlacement, 3)}         ${mark(cost.usdPerCertifiedPlacement <= targetUsdPerCertifiedPlacement)}`);
  console.log(`  per month, ${placementsPerMonth} placements        ${usd(cost.usdPerMonth, 2)}`);
  const duration = cost.lines.find((line) => line.service === 'Lambda duration (arm64)')?.usd ?? 0;
  const bound = lambdaCpuBound(counts, result.cpuSeconds);
  const boundedPerCertified = (cost.totalUsd - duration + bound.usd) / result.certified;
  console.log(
    `  with Lambda billed at most the system's CPU time (${result.cpuSeconds.toFixed(0)} s → ${bound.gbSeconds.toFixed(1)} GB-s, ${usd(bound.usd)}): ` +
      `${usd(boundedPerCertified)} per certified placement, ${usd((boundedPerCertified * result.certified * placementsPerMonth) / result.placements, 2)} a month`,
  );
  console.log(`  (the whole run's bill, failed placements' and the schedules' runs during the week included, over the ${result.certified} certified placements;`);
  console.log(`   a month is ${placementsPerMonth} placements at the run's average; Lambda durations are this machine's in-process handler times)`);
  return correct;
}
