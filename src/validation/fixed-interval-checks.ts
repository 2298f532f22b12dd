import { constant } from '../engine/distributions.ts';
import type { StrategyResult } from '../metrics/result.ts';
import { formatCount, formatDuration } from '../report/format.ts';
import type { TheoryCheck } from './check.ts';
import { standardErrorBand } from './check.ts';
import type { PoissonCase, PoissonWorld } from './poisson-worlds.ts';
import { PoissonWorlds } from './poisson-worlds.ts';
import { INTERVAL_MS, runStrategy } from './run-strategy.ts';
import {
  MAX_TAIL_PROBABILITY,
  maxDelayShortfall,
  meanDelayStandardError,
  rawMoments,
  roundingMargin,
} from './standard-errors.ts';

/**
 * Poisson events at one per minute for 90 days: about 130,000 events, enough for the mean delay
 * to land within about 0.6% of T/2 at four standard errors.
 */
export const DELAY_WORLD: PoissonCase = { rate: '1/min', duration: '90d', seed: '1' };

/** The constant one-way network delay d of the second run: 5 s, well under T/2. */
export const ONE_WAY_LATENCY_MS = 5_000;

/**
 * Checks polling at a fixed interval T against theory, with no network delay and with a
 * constant one-way delay d. A poll sent at t reaches the producer at t + d, collects the
 * events timed at or before t + d, and its answer arrives at t + 2d. An event at x is therefore
 * caught by the first poll sent at or after x − d, which leaves a uniform(0, T) wait plus d:
 * mean delay T/2 + d and max delay T + d.
 */
export async function runFixedIntervalChecks(worlds = new PoissonWorlds()): Promise<TheoryCheck[]> {
  const poissonWorld = await worlds.get(DELAY_WORLD);

  return [...checkDelays(poissonWorld, 0), ...checkDelays(poissonWorld, ONE_WAY_LATENCY_MS)];
}

function checkDelays(poissonWorld: PoissonWorld, latencyMs: number): TheoryCheck[] {
  const { world, rate } = poissonWorld;
  const result = runStrategy(world, { latency: constant(latencyMs) });
  const events = result.events.notified;
  const parameters = describeRun(latencyMs, result);
  const suffix = latencyMs === 0 ? '' : ' + d';
  const id = latencyMs === 0 ? 'no-latency' : 'constant-latency';

  const mean: TheoryCheck = {
    id: `fixed-interval/mean-delay/${id}`,
    title: 'fixed interval: mean delay',
    parameters,
    formula: `T/2${suffix}`,
    predicted: INTERVAL_MS / 2 + latencyMs,
    simulated: result.latencyMs.mean,
    unit: 'ms',
    tolerance: standardErrorBand(
      meanDelayStandardError(rawMoments(constant(INTERVAL_MS)), rate, events),
    ),
  };

  const max: TheoryCheck = {
    id: `fixed-interval/max-delay/${id}`,
    title: 'fixed interval: max delay',
    parameters,
    formula: `T${suffix}`,
    predicted: INTERVAL_MS + latencyMs,
    simulated: result.latencyMs.max,
    unit: 'ms',
    tolerance: {
      below: maxDelayShortfall(INTERVAL_MS, events),
      above: roundingMargin(world.windowEnd + 2 * latencyMs),
      basis: `tail ${MAX_TAIL_PROBABILITY.toExponential()}; rounding`,
    },
  };

  return [mean, max];
}

function describeRun(latencyMs: number, result: StrategyResult): string {
  const latency = latencyMs === 0 ? '0' : formatDuration(latencyMs);
  const events = formatCount(result.events.total);
  return (
    `T = ${formatDuration(INTERVAL_MS)}, d = ${latency}, λ = ${DELAY_WORLD.rate}, ` +
    `${DELAY_WORLD.duration}, ${events} events`
  );
}
