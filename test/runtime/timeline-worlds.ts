import { constant } from '../../src/engine/distributions.ts';
import type { World } from '../../src/model/world.ts';
import type { SimulationOptions } from '../../src/runtime/sim.ts';
import { simulate } from '../../src/runtime/sim.ts';
import type { StrategyTimeline } from '../../src/runtime/timeline.ts';
import { recordTimeline } from '../../src/runtime/timeline.ts';
import { findStrategy } from '../../src/strategies/index.ts';
import { MINUTE } from './worlds.ts';

/** Records a strategy's timeline with a one-minute interval, epoch alignment and `latency`. */
export function timelineOf(name: string, world: World, latency = 0): StrategyTimeline {
  const options: SimulationOptions = {
    strategy: findStrategy(name)!,
    interval: constant(MINUTE),
    align: 'epoch',
    latency: constant(latency),
    seed: 1,
  };

  const run = recordTimeline(world, name, (observe) => simulate(world, { ...options, observe }));
  return run.timeline;
}
