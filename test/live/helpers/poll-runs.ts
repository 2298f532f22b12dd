import type { Distribution } from '../../../src/engine/distributions.ts';
import { constant } from '../../../src/engine/distributions.ts';
import type { StrategyResult } from '../../../src/metrics/result.ts';
import type { Faults } from '../../../src/model/faults.ts';
import type { PollResponse } from '../../../src/model/producer.ts';
import type { World } from '../../../src/model/world.ts';
import { runLive } from '../../../src/runtime/live.ts';
import { simulate } from '../../../src/runtime/sim.ts';
import type { StrategyProcess } from '../../../src/strategies/effects.ts';
import type { Strategy } from '../../../src/strategies/index.ts';
import { findStrategy } from '../../../src/strategies/index.ts';
import type { StrategyTuning } from '../../../src/strategies/tuning.ts';

/** One poll as its consumer saw it, on the consumer's scenario clock. */
export interface PollRecord {
  /** When the poll left the consumer. */
  readonly sentAt: number;
  /** When its response, or its failure, reached the consumer. */
  readonly receivedAt: number;
  readonly status: number;
  readonly events: number;
}

/**
 * Wraps the strategy `name` so that it records each of its polls in `records`. The wrapper has
 * the same name, so it draws from the same random streams as the strategy itself.
 */
export function recordingStrategy(name: string, records: PollRecord[]): Strategy {
  const strategy = findStrategy(name);
  if (strategy === undefined) throw new Error(`no strategy named '${name}'`);

  return {
    ...strategy,
    *consumer(context): StrategyProcess {
      const inner = strategy.consumer(context);
      let input: unknown;

      for (;;) {
        const step = inner.next(input);
        if (step.done === true) return;

        const effect = step.value;
        const sentAt = Math.max(context.now(), effect.type === 'poll' ? (effect.at ?? 0) : 0);
        input = yield effect;

        if (effect.type === 'poll') {
          const response = input as PollResponse;
          records.push({
            sentAt,
            receivedAt: context.now(),
            status: response.status,
            events: response.events.length,
          });
        }
      }
    },
  };
}

export interface BothModesOptions {
  readonly strategy: string;
  /** Scenario ms per real ms of the live run. */
  readonly timeScale: number;
  readonly interval?: Distribution;
  readonly latency?: Distribution;
  readonly seed?: number;
  readonly tuning?: StrategyTuning;
  readonly faults?: Faults;
}

export interface BothModes {
  readonly sim: StrategyResult;
  readonly live: StrategyResult;
  readonly simPolls: readonly PollRecord[];
  readonly livePolls: readonly PollRecord[];
}

/** The constant one-way delay of these runs, so that no delay draw depends on timing. */
export const LATENCY_MS = 50;

/**
 * Runs one strategy over `world` in the simulator and live, with the same seed and options: by
 * default a one-minute interval aligned to the epoch and a constant 50 ms delay.
 */
export async function runBothModes(world: World, options: BothModesOptions): Promise<BothModes> {
  const simPolls: PollRecord[] = [];
  const livePolls: PollRecord[] = [];
  const common = {
    interval: options.interval ?? constant(60_000),
    align: 'epoch' as const,
    latency: options.latency ?? constant(LATENCY_MS),
    seed: options.seed ?? 1,
    tuning: options.tuning,
    faults: options.faults,
  };

  const sim = simulate(world, {
    ...common,
    strategy: recordingStrategy(options.strategy, simPolls),
  });
  const live = await runLive(world, {
    ...common,
    strategy: recordingStrategy(options.strategy, livePolls),
    timeScale: options.timeScale,
  });

  return { sim, live: live.result, simPolls, livePolls };
}

/** Lists the statuses of `polls` in order. */
export function statusesOf(polls: readonly PollRecord[]): number[] {
  return polls.map((poll) => poll.status);
}

/** Counts the polls whose response had `status`. */
export function countStatus(polls: readonly PollRecord[], status: number): number {
  return polls.filter((poll) => poll.status === status).length;
}
