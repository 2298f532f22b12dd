import type { EventInput } from '../../src/model/event-log.ts';
import type { Faults } from '../../src/model/faults.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';
import type { ConsumerContext, Effect, StrategyProcess } from '../../src/strategies/effects.ts';
import type { Strategy } from '../../src/strategies/index.ts';
import type { StrategyTuning } from '../../src/strategies/tuning.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';
import { SECOND, WINDOW_START } from '../runtime/worlds.ts';

/** `count` events one second apart, the first `first` seconds after the window opens. */
export function everySecond(count: number, first = 1): EventInput[] {
  return Array.from({ length: count }, (_, index) => ({
    time: WINDOW_START + (first + index) * SECOND,
  }));
}

/** Seconds after the window opens, as a scenario time. */
export function at(seconds: number): number {
  return WINDOW_START + seconds * SECOND;
}

type FaultParts = {
  readonly [K in keyof Faults]?: Faults[K] extends object ? Partial<Faults[K]> : Faults[K];
};

/** No faults but the ones given, group by group. */
export function faultsWith(parts: FaultParts): Faults {
  return {
    network: { ...NO_FAULTS.network, ...parts.network },
    consumer: { ...NO_FAULTS.consumer, ...parts.consumer },
    producer: { ...NO_FAULTS.producer, ...parts.producer },
    idleCutMs: parts.idleCutMs ?? NO_FAULTS.idleCutMs,
    emitter: { ...NO_FAULTS.emitter, ...parts.emitter },
  };
}

type TuningParts = {
  readonly [K in keyof StrategyTuning]?: StrategyTuning[K] extends object
    ? Partial<StrategyTuning[K]>
    : StrategyTuning[K];
};

/** The default tuning but for the knobs given. */
export function tuningWith(parts: TuningParts): StrategyTuning {
  return {
    ...DEFAULT_TUNING,
    ...parts,
    backoff: { ...DEFAULT_TUNING.backoff, ...parts.backoff },
    retry: { ...DEFAULT_TUNING.retry, ...parts.retry },
  } as StrategyTuning;
}

/** What one consumer yielded and got back, with the scenario time it got it. */
export interface Exchange {
  readonly consumer: number;
  readonly effect: Effect;
  readonly result: unknown;
  readonly time: number;
}

/** Wraps a strategy so that every consumer effect and its result are written to `log`. */
export function recording(strategy: Strategy, log: Exchange[]): Strategy {
  return {
    ...strategy,
    consumer: (context) => record(strategy.consumer(context), context, log),
  };
}

function* record(
  inner: StrategyProcess,
  context: ConsumerContext,
  log: Exchange[],
): StrategyProcess {
  let input: unknown;

  for (;;) {
    const step = inner.next(input);
    if (step.done === true) return;

    const effect = { ...step.value } as Effect;
    input = yield step.value;
    log.push({ consumer: context.id, effect, result: input, time: context.now() });
  }
}
