import { constant } from '../../../src/engine/distributions.ts';
import type { StrategyResult } from '../../../src/metrics/result.ts';
import type { LiveMeasures } from '../../../src/runtime/live.ts';
import { runLive } from '../../../src/runtime/live.ts';
import type { SimulationOptions } from '../../../src/runtime/sim.ts';
import { simulate } from '../../../src/runtime/sim.ts';
import type { ConnectEffect, ConnectResult } from '../../../src/strategies/effects.ts';
import { findStrategy } from '../../../src/strategies/index.ts';
import type { Exchange } from '../../faults/fault-worlds.ts';
import { at, everySecond, faultsWith, recording } from '../../faults/fault-worlds.ts';
import { buildTestWorld, MINUTE } from '../../runtime/worlds.ts';

/**
 * Scenario ms per real ms. The one-minute set-up lead and the ten seconds of events take
 * about 1.4 real seconds, and a second between events is 20 real ms.
 */
const TIME_SCALE = 50;

/** One connect as the consumer made it, with its result. */
export interface ConnectRecord {
  readonly lastSeq: number;
  readonly state: ConnectResult['state'];
}

/** What one run of a stream strategy did, with the consumer's connects and polls. */
export interface StreamRun {
  readonly result: StrategyResult;
  readonly connects: readonly ConnectRecord[];
  readonly polls: number;
}

/**
 * Builds the options of a run over the drops world: events 1 to 10 one a second, for one
 * consumer, and drops of every stream 4.5 and 7.5 seconds into the window, after events 4
 * and 7.
 */
function dropsOptions(strategy: string, replay: number, log: Exchange[]): SimulationOptions {
  const found = findStrategy(strategy);
  if (found === undefined) throw new Error(`no strategy named '${strategy}'`);

  return {
    strategy: recording(found, log),
    interval: constant(MINUTE),
    align: 'epoch',
    latency: constant(50),
    seed: 7,
    faults: faultsWith({ producer: { replay, streamDrops: [at(4.5), at(7.5)] } }),
  };
}

function dropsWorld() {
  return buildTestWorld(everySecond(10), { end: at(10) });
}

/** Runs the drops world in the simulator. */
export function simulateDrops(strategy: string, replay: number): StreamRun {
  const log: Exchange[] = [];
  const result = simulate(dropsWorld(), dropsOptions(strategy, replay, log));
  return { result, ...summarise(log) };
}

/** Runs the drops world live on loopback, and returns the run with the live measures. */
export async function runDropsLive(
  strategy: string,
  replay: number,
): Promise<StreamRun & { readonly live: LiveMeasures }> {
  const log: Exchange[] = [];
  const options = { ...dropsOptions(strategy, replay, log), timeScale: TIME_SCALE };
  const { result, live } = await runLive(dropsWorld(), options);
  return { result, live, ...summarise(log) };
}

function summarise(log: readonly Exchange[]): Omit<StreamRun, 'result'> {
  const connects = log
    .filter((exchange) => exchange.effect.type === 'connect')
    .map((exchange) => ({
      lastSeq: (exchange.effect as ConnectEffect).lastSeq,
      state: (exchange.result as ConnectResult).state,
    }));
  const polls = log.filter((exchange) => exchange.effect.type === 'poll').length;
  return { connects, polls };
}
