import type { Distribution } from '../../src/engine/distributions.ts';
import { constant } from '../../src/engine/distributions.ts';
import type { StrategyResult } from '../../src/metrics/result.ts';
import type { EventInput } from '../../src/model/event-log.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { ConsumerSpec, World } from '../../src/model/world.ts';
import type { SimulationOptions } from '../../src/runtime/sim.ts';
import { simulate } from '../../src/runtime/sim.ts';
import type { Strategy } from '../../src/strategies/index.ts';
import { findStrategy } from '../../src/strategies/index.ts';

export const SECOND = 1_000;
export const MINUTE = 60_000;

/**
 * The window of the hand-built worlds: 10:30 to 15:00 after the epoch, in minutes. With a
 * one-minute interval and epoch alignment, polls fall at 11, 12, 13, 14 and 15 minutes.
 */
export const WINDOW_START = 10.5 * MINUTE;
export const WINDOW_END = 15 * MINUTE;

export interface WorldOptions {
  readonly consumers?: readonly ConsumerSpec[];
  readonly start?: number;
  readonly end?: number;
}

export function buildTestWorld(events: readonly EventInput[], options: WorldOptions = {}): World {
  return {
    log: new EventLog(events),
    consumers: options.consumers ?? [{}],
    windowStart: options.start ?? WINDOW_START,
    windowEnd: options.end ?? WINDOW_END,
  };
}

export interface RunOptions {
  readonly interval?: Distribution;
  readonly align?: SimulationOptions['align'];
  readonly latency?: Distribution;
  readonly seed?: number;
  readonly tuning?: SimulationOptions['tuning'];
  readonly faults?: SimulationOptions['faults'];
}

/** Simulates a strategy, by default with a one-minute interval, epoch alignment and no latency. */
export function runStrategy(
  strategy: string | Strategy,
  world: World,
  options: RunOptions = {},
): StrategyResult {
  const found = typeof strategy === 'string' ? findStrategy(strategy) : strategy;
  if (found === undefined) throw new Error(`no strategy named '${String(strategy)}'`);

  return simulate(world, simulationOptions(found, options));
}

/** Builds the options of one run: by default a one-minute interval, epoch alignment, no latency. */
export function simulationOptions(strategy: Strategy, options: RunOptions): SimulationOptions {
  return {
    strategy,
    interval: options.interval ?? constant(MINUTE),
    align: options.align ?? 'epoch',
    latency: options.latency ?? constant(0),
    seed: options.seed ?? 1,
    tuning: options.tuning,
    faults: options.faults,
  };
}
