import { expect, it } from 'vitest';
import type { StrategyResult } from '../../../src/metrics/result.ts';
import type { World } from '../../../src/model/world.ts';
import type { LiveResult } from '../../../src/runtime/live.ts';
import { runLive } from '../../../src/runtime/live.ts';
import { findStrategy } from '../../../src/strategies/index.ts';
import type { RunOptions } from '../../runtime/worlds.ts';
import { runStrategy, simulationOptions } from '../../runtime/worlds.ts';

/** One strategy's figures from the simulator and from a live run of the same world and seed. */
export interface BothModes {
  readonly sim: StrategyResult;
  readonly live: LiveResult;
}

/**
 * Runs `strategy` over `world` in the simulator and then live on 127.0.0.1, with the same
 * options and seed: by default a one-minute interval, epoch alignment, no latency and seed 1.
 */
export async function runBothModes(
  strategy: string,
  world: World,
  options: RunOptions & { readonly timeScale: number },
): Promise<BothModes> {
  const found = findStrategy(strategy);
  if (found === undefined) throw new Error(`no strategy named '${strategy}'`);

  const sim = runStrategy(found, world, options);
  const live = await runLive(world, {
    ...simulationOptions(found, options),
    timeScale: options.timeScale,
  });
  return { sim, live };
}

/** Counts of deliveries, the same in both modes wherever timing does not decide them. */
export const DELIVERY_FIELDS = ['requests', 'deliveries', 'failedDeliveries', 'retries'] as const;

/** Counts of events, the same in both modes wherever timing does not decide them. */
export const EVENT_FIELDS = ['notified', 'lost', 'duplicates', 'duplicatesDropped'] as const;

/** Registers one test per count, each checking that the live run has the simulator's figure. */
export function itCountsAsSim(runs: () => BothModes): void {
  it.each(DELIVERY_FIELDS)('%s as in sim', (field) => {
    expect(runs().live.result[field]).toBe(runs().sim[field]);
  });

  it.each(EVENT_FIELDS)('%s events as in sim', (field) => {
    expect(runs().live.result.events[field]).toBe(runs().sim.events[field]);
  });
}
