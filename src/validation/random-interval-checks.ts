import type { Distribution } from '../engine/distributions.ts';
import { constant, moments } from '../engine/distributions.ts';
import { formatCount, formatDuration } from '../report/format.ts';
import type { TheoryCheck } from './check.ts';
import { standardErrorBand } from './check.ts';
import { DELAY_WORLD } from './fixed-interval-checks.ts';
import type { PoissonWorld } from './poisson-worlds.ts';
import { PoissonWorlds } from './poisson-worlds.ts';
import { INTERVAL_MS, runStrategy } from './run-strategy.ts';
import { meanDelayStandardError, rawMoments } from './standard-errors.ts';

/** A random poll interval X, with a name for its check's id and a label for the table. */
export interface RandomInterval {
  readonly name: string;
  readonly label: string;
  readonly interval: Distribution;
}

/** Intervals with mean T = 1 min: uniform(0, 2T), whose mean delay is 2T/3, and exp(T), T. */
export const RANDOM_INTERVALS: readonly RandomInterval[] = [
  {
    name: 'uniform',
    label: 'uniform(0, 2T)',
    interval: { kind: 'uniform', min: 0, max: 2 * INTERVAL_MS },
  },
  { name: 'exponential', label: 'exp(T)', interval: { kind: 'exponential', mean: INTERVAL_MS } },
];

/**
 * Checks polling at random intervals, which makes poll times a renewal process. An event at a
 * random time lands in an interval with chance proportional to its length and waits a uniform
 * share of it, so the mean delay is E[X²] / (2 E[X]): longer than E[X]/2 whenever X varies.
 */
export async function runRandomIntervalChecks(
  worlds = new PoissonWorlds(),
): Promise<TheoryCheck[]> {
  const poissonWorld = await worlds.get(DELAY_WORLD);
  return RANDOM_INTERVALS.map((random) => checkRandomInterval(poissonWorld, random));
}

function checkRandomInterval(poissonWorld: PoissonWorld, random: RandomInterval): TheoryCheck {
  const { world, rate } = poissonWorld;
  const { mean, meanSquare } = moments(random.interval)!;
  const result = runStrategy(world, { interval: random.interval, latency: constant(0) });
  const events = result.events.notified;

  return {
    id: `random-interval/mean-delay/${random.name}`,
    title: 'random interval: mean delay',
    parameters:
      `X ~ ${random.label}, T = ${formatDuration(INTERVAL_MS)}, d = 0, λ = ${DELAY_WORLD.rate}, ` +
      `${DELAY_WORLD.duration}, ${formatCount(result.events.total)} events`,
    formula: 'E[X²] / (2 E[X])',
    predicted: meanSquare / (2 * mean),
    simulated: result.latencyMs.mean,
    unit: 'ms',
    tolerance: standardErrorBand(meanDelayStandardError(rawMoments(random.interval), rate, events)),
  };
}
