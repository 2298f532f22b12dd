import type { Distribution } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import type { EventInput } from './event-log.ts';
import type { ConsumerSpec } from './world.ts';

interface OptionBase {
  /** Help text: the setting the option changes and its unit, for `--help`. */
  readonly description: string;
  /** Makes the option mandatory when it has no default. */
  readonly required?: boolean;
}

/** A whole number, such as a count of games. */
export interface IntegerOption extends OptionBase {
  readonly type: 'integer';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}

/** A real number, such as a probability or a magnitude. */
export interface NumberOption extends OptionBase {
  readonly type: 'number';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}

/** A duration written like `30s` or `2m`, given to `build` in ms. */
export interface DurationOption extends OptionBase {
  readonly type: 'duration';
  readonly default?: string;
}

/** A rate written like `0.5/s` or `30/h`, given to `build` in events per ms. */
export interface RateOption extends OptionBase {
  readonly type: 'rate';
  readonly default?: string;
}

/** A distribution of durations written like `normal(10m, 1m)[8m, 12m]`, in ms. */
export interface DistributionOption extends OptionBase {
  readonly type: 'distribution';
  readonly default?: string;
}

/** Free text, such as a file path or a column name. */
export interface StringOption extends OptionBase {
  readonly type: 'string';
  readonly default?: string;
  /** The word shown for the value in `--help`, such as `PATH`. */
  readonly placeholder?: string;
}

export type OptionSpec =
  | IntegerOption
  | NumberOption
  | DurationOption
  | RateOption
  | DistributionOption
  | StringOption;

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends DistributionOption
  ? Distribution
  : S extends StringOption
    ? string
    : number;

/** The values `build` receives: an option without a default and not required may be absent. */
export type OptionValues<O extends OptionSpecs> = {
  readonly [K in keyof O]: O[K] extends { default: unknown } | { required: true }
    ? ValueOf<O[K]>
    : ValueOf<O[K]> | undefined;
};

/** The settings every scenario shares, which a scenario may give its own defaults. */
export interface ScenarioDefaults {
  /** Poll interval, such as `3m`, or a distribution of intervals. */
  readonly interval?: string;
  /** Length of the window in which events happen, such as `3h`. */
  readonly duration?: string;
  /** One-way network delay, such as `50ms`, or a distribution of delays. */
  readonly latency?: string;
  readonly consumers?: number;
  /** Strategies to run when `--strategies` is not given. */
  readonly strategies?: readonly string[];
  /** Strategy options by key, as on the command line, such as `{ hold: '60s' }`. */
  readonly tuning?: Readonly<Record<string, string>>;
  /** Fault options by key, as on the command line, such as `{ loss: '0.01' }`. */
  readonly faults?: Readonly<Record<string, string>>;
}

/** The input of a scenario's `build` function. */
export interface BuildContext<O extends OptionSpecs> {
  readonly options: OptionValues<O>;
  /** The `--duration` in ms, or `undefined` when the scenario has no default and none was given. */
  readonly duration: number | undefined;
  readonly consumers: number;
  readonly seed: number;
  /** A generator seeded from the run's seed, for drawing the scenario's events. */
  readonly random: Random;
}

/** The result of a scenario's `build` function. */
export interface ScenarioPlan {
  /** When events can start, in ms since the Unix epoch. */
  readonly start: number;
  /** When events stop; defaults to start plus the duration, or else to the last event's time. */
  readonly end?: number;
  readonly events: readonly EventInput[];
  readonly consumers: readonly ConsumerSpec[];
}

/** A producer's world: which events happen when, and who wants them. */
export interface ScenarioDefinition<O extends OptionSpecs = OptionSpecs> {
  /** The name that reports and `--help` show. */
  readonly name: string;
  /** One line for `list`. */
  readonly summary: string;
  /** The scenario's own options by key; the key `orderRate` becomes the flag `--order-rate`. */
  readonly options?: O;
  readonly defaults?: ScenarioDefaults;
  /**
   * Returns one run's events and consumers. Draw random values from `context.random` only, so
   * that the same seed gives the same plan.
   */
  build(context: BuildContext<O>): ScenarioPlan | Promise<ScenarioPlan>;
}

/** A scenario with its option types erased, as the runner and the CLI handle it. */
export type Scenario = ScenarioDefinition<OptionSpecs>;

/**
 * Defines a scenario. It returns its argument unchanged; its use is the typing, which gives
 * `build` option values of the right types for the options declared.
 */
export function defineScenario<const O extends OptionSpecs>(
  definition: ScenarioDefinition<O>,
): Scenario {
  return definition as unknown as Scenario;
}
