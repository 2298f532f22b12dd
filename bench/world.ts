import type { Distribution } from '../src/engine/distributions.ts';
import { constant, sample } from '../src/engine/distributions.ts';
import { createStream } from '../src/engine/random.ts';
import type { StrategyResult } from '../src/metrics/result.ts';
import { EventLog } from '../src/model/event-log.ts';
import type { World } from '../src/model/world.ts';
import { simulate } from '../src/runtime/sim.ts';
import { pollStrategy } from '../src/strategies/poll.ts';

/** The size of one polling workload: who polls, how often, for how long, and how much news. */
export interface PollWorkload {
  readonly consumers: number;
  /** Length of the event window, in ms; every consumer polls across all of it. */
  readonly durationMs: number;
  readonly intervalMs: number;
  /** Mean time between producer events, in ms; the events form a Poisson stream. */
  readonly meanGapMs: number;
  readonly seed: number;
}

const START = Date.UTC(2026, 0, 1);

/** The network delay of every engine figure: none, so each poll completes without a queue step. */
export const NO_LATENCY: Distribution = constant(0);

/** Builds the world of a workload: a Poisson event stream and consumers that want every key. */
export function buildPollWorld(workload: PollWorkload): World {
  const random = createStream(workload.seed, 'bench/events');
  const gap: Distribution = { kind: 'exponential', mean: workload.meanGapMs };
  const end = START + workload.durationMs;
  const events = [];

  for (let time = START + sample(gap, random); time < end; time += sample(gap, random)) {
    events.push({ time });
  }

  return {
    log: new EventLog(events),
    consumers: Array.from({ length: workload.consumers }, () => ({})),
    windowStart: START,
    windowEnd: end,
  };
}

/** Runs the poll strategy over the world with no network delay, as the engine figures use it. */
export function simulatePolling(world: World, workload: PollWorkload): StrategyResult {
  return simulate(world, {
    strategy: pollStrategy,
    interval: constant(workload.intervalMs),
    align: 'random',
    latency: NO_LATENCY,
    seed: workload.seed,
  });
}
