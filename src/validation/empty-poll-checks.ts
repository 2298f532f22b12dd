import { constant } from '../engine/distributions.ts';
import type { StrategyResult } from '../metrics/result.ts';
import { formatCount, formatDuration } from '../report/format.ts';
import type { TheoryCheck } from './check.ts';
import { standardErrorBand } from './check.ts';
import type { PoissonCase } from './poisson-worlds.ts';
import { PoissonWorlds } from './poisson-worlds.ts';
import { INTERVAL_MS, runStrategy } from './run-strategy.ts';
import { pollsPerEventStandardError, shareStandardError } from './standard-errors.ts';

/**
 * Worlds for λT = 0.1, 1 and 3 at T = 1 min. Each runs long enough for at least 43,000 events
 * and 129,000 polls, which keeps four standard errors of the empty share under 5% of it even at
 * λT = 3, where only one poll in twenty is empty.
 */
export const EMPTY_POLL_WORLDS: readonly PoissonCase[] = [
  { rate: '0.1/min', duration: '300d', seed: '1' },
  { rate: '1/min', duration: '90d', seed: '1' },
  { rate: '3/min', duration: '90d', seed: '1' },
];

/**
 * Checks one consumer polling Poisson events at rate λ every T, with no network delay. Each
 * poll looks at the T before it, which contains no event with chance e^(−λT), and the run makes
 * one poll per T against λ events per T, so polls per event are 1/(λT).
 */
export async function runEmptyPollChecks(worlds = new PoissonWorlds()): Promise<TheoryCheck[]> {
  const checks: TheoryCheck[] = [];

  for (const poissonCase of EMPTY_POLL_WORLDS) {
    const { world, rate } = await worlds.get(poissonCase);
    const result = runStrategy(world, { latency: constant(0) });

    // Rounding keeps float noise in the product out of the ids and the table.
    const rateTimesInterval = Number((rate * INTERVAL_MS).toPrecision(12));
    checks.push(...checkEmptyPolls(poissonCase, rateTimesInterval, result));
  }

  return checks;
}

function checkEmptyPolls(
  poissonCase: PoissonCase,
  rateTimesInterval: number,
  result: StrategyResult,
): TheoryCheck[] {
  const parameters = describeRun(poissonCase, rateTimesInterval, result);
  const emptyShare = Math.exp(-rateTimesInterval);
  const pollsPerEvent = 1 / rateTimesInterval;

  const empty: TheoryCheck = {
    id: `poisson/empty-share/${rateTimesInterval}`,
    title: 'Poisson events: share of empty polls',
    parameters,
    formula: 'e^(−λT)',
    predicted: emptyShare,
    simulated: result.wastedRequests / result.requests,
    unit: 'share',
    tolerance: standardErrorBand(shareStandardError(emptyShare, result.requests)),
  };

  const perEvent: TheoryCheck = {
    id: `poisson/polls-per-event/${rateTimesInterval}`,
    title: 'Poisson events: polls per event',
    parameters,
    formula: '1/(λT)',
    predicted: pollsPerEvent,
    simulated: result.requests / result.events.total,
    unit: 'ratio',
    tolerance: standardErrorBand(pollsPerEventStandardError(pollsPerEvent, result.events.total)),
  };

  return [empty, perEvent];
}

function describeRun(
  poissonCase: PoissonCase,
  rateTimesInterval: number,
  result: StrategyResult,
): string {
  return (
    `λT = ${rateTimesInterval}, T = ${formatDuration(INTERVAL_MS)}, λ = ${poissonCase.rate}, ` +
    `${poissonCase.duration}, ${formatCount(result.requests)} polls, ` +
    `${formatCount(result.events.total)} events`
  );
}
