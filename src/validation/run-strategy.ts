import type { Distribution } from '../engine/distributions.ts';
import { constant } from '../engine/distributions.ts';
import type { StrategyResult } from '../metrics/result.ts';
import type { Faults } from '../model/faults.ts';
import type { World } from '../model/world.ts';
import { simulate } from '../runtime/sim.ts';
import { pollStrategy } from '../strategies/poll.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';

/** The seed of every validation run, so docs/validation.md comes out the same byte for byte. */
export const VALIDATION_SEED = 1;

/** The fixed poll interval T of the checks that do not vary it: one minute. */
export const INTERVAL_MS = 60_000;

export interface StrategyRun {
  readonly strategy?: Strategy;
  readonly interval?: Distribution;
  readonly latency: Distribution;
  readonly tuning?: StrategyTuning;
  readonly faults?: Faults;
}

/** Simulates one strategy over `world`, polling by default, with random poll phases. */
export function runStrategy(world: World, run: StrategyRun): StrategyResult {
  return simulate(world, {
    strategy: run.strategy ?? pollStrategy,
    interval: run.interval ?? constant(INTERVAL_MS),
    align: 'random',
    latency: run.latency,
    seed: VALIDATION_SEED,
    tuning: run.tuning,
    faults: run.faults,
  });
}
