import type { Distribution } from '../engine/distributions.ts';
import { moments, upperBound } from '../engine/distributions.ts';
import { invalidOption, PollVsPushError } from '../errors.ts';
import {
  readDistribution,
  readDuration,
  readInteger,
  resolveOptions,
} from '../model/option-values.ts';
import type { Scenario } from '../model/scenario.ts';
import type { Alignment } from '../strategies/effects.ts';
import { STRATEGIES } from '../strategies/index.ts';
import type { Knobs } from './knobs.ts';
import { checkScenarioKnobs, knobTexts, resolveKnobs } from './knobs.ts';
import { RUN_LIMITS } from './run-size.ts';

/** The settings of a run as text, the way a user writes them; absent ones take defaults. */
export interface RunInput {
  readonly strategies?: string;
  readonly interval?: string;
  readonly consumers?: string;
  readonly duration?: string;
  readonly latency?: string;
  readonly seed?: string;
  readonly align?: string;
  /** Strategy and fault options by key, such as `{ hold: '60s', loss: '0.01' }`. */
  readonly knobs?: Readonly<Record<string, string | undefined>>;
  /** The scenario's own options by key, such as `{ games: '3' }`. */
  readonly scenarioOptions?: Readonly<Record<string, string | undefined>>;
  /** `sim` (the default) or `live`. */
  readonly mode?: string;
  /** Live mode: scenario ms per real ms, or `auto`. */
  readonly timeScale?: string;
  readonly producerPort?: string;
  readonly receiverPort?: string;
  /** Live mode: accept webhook URLs on hosts other than loopback. */
  readonly allowRemote?: boolean;
  /** Stops a live run early; the report then covers what happened so far. */
  readonly signal?: AbortSignal;
  /** Simulation only: record each strategy's messages in the report's `timeline`. */
  readonly timeline?: boolean;
  /** Simulation only: record what the HTML report draws in the report's `curves`. */
  readonly curves?: boolean;
}

/** The settings of a run, checked and parsed. */
export interface RunSettings {
  readonly strategies: readonly string[];
  readonly interval: Distribution;
  readonly consumers: number;
  readonly duration: number | undefined;
  readonly latency: Distribution;
  readonly seed: number;
  readonly align: Alignment;
  readonly scenarioOptions: Readonly<Record<string, unknown>>;
  /** Strategy knobs, and faults with their times as offsets from the window's start. */
  readonly knobs: Knobs;
  /** Every setting in effect as text, defaults included, so a report shows how to rerun it. */
  readonly text: Readonly<Record<string, string>>;
}

/** Defaults that apply when neither the user nor the scenario gives one. */
export const BASE_DEFAULTS = {
  strategies: 'poll,webhook',
  interval: '1m',
  consumers: '1',
  latency: '50ms',
  seed: '1',
  align: 'random',
} as const;

/** Checks and parses every setting of a run of `scenario`. */
export function resolveSettings(scenario: Scenario, input: RunInput): RunSettings {
  const defaults = scenario.defaults ?? {};
  const text = {
    strategies: input.strategies ?? defaults.strategies?.join(',') ?? BASE_DEFAULTS.strategies,
    interval: input.interval ?? defaults.interval ?? BASE_DEFAULTS.interval,
    consumers: input.consumers ?? String(defaults.consumers ?? BASE_DEFAULTS.consumers),
    duration: input.duration ?? defaults.duration,
    latency: input.latency ?? defaults.latency ?? BASE_DEFAULTS.latency,
    seed: input.seed ?? BASE_DEFAULTS.seed,
    align: input.align ?? BASE_DEFAULTS.align,
  };

  const interval = readInterval(text.interval);
  const align = readAlign(text.align, interval, text.interval);
  const scenarioOptions = resolveOptions(scenario.options ?? {}, input.scenarioOptions ?? {});
  checkScenarioKnobs(scenario.name, defaults.tuning, defaults.faults);
  const knobText = { ...defaults.tuning, ...defaults.faults, ...definedOnly(input.knobs ?? {}) };

  return {
    strategies: readStrategies(text.strategies),
    interval,
    consumers: readInteger('--consumers', text.consumers, 1, RUN_LIMITS.consumers),
    duration: text.duration === undefined ? undefined : readDuration('--duration', text.duration),
    latency: readDistribution('--latency', text.latency),
    seed: readInteger('--seed', text.seed, 0, 0xffff_ffff),
    align,
    scenarioOptions,
    knobs: resolveKnobs(knobText),
    text: { ...definedOnly(text), ...knobTexts(knobText), ...scenarioText(scenario, input) },
  };
}

function readStrategies(text: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  const known = [...STRATEGIES.keys()].join(', ');

  for (const name of names) {
    if (!STRATEGIES.has(name)) {
      throw new PollVsPushError(
        'PVP_UNKNOWN_STRATEGY',
        `--strategies names an unknown strategy '${name}'; known strategies: ${known}`,
      );
    }
  }

  return [...new Set(names)];
}

/**
 * Reads the poll interval. An interval that is never above zero, or whose mean is not, would
 * keep a poller from ever reaching the end of the window, so the run would never finish.
 */
export function readInterval(text: string): Distribution {
  const interval = readDistribution('--interval', text);
  const mean = moments(interval)?.mean ?? upperBound(interval);

  if (upperBound(interval) <= 0 || mean <= 0) {
    throw invalidOption(
      '--interval',
      text,
      'a positive duration such as 30s or 2m, or a distribution with a mean above zero',
    );
  }
  return interval;
}

/** Epoch alignment needs one fixed interval, because a cron-like schedule has one period. */
function readAlign(text: string, interval: Distribution, intervalText: string): Alignment {
  if (text !== 'random' && text !== 'epoch') {
    throw invalidOption('--align', text, "'random' or 'epoch'");
  }
  if (text === 'epoch' && interval.kind !== 'constant') {
    throw invalidOption(
      '--interval',
      intervalText,
      'a single duration such as 5m when --align epoch is set',
    );
  }
  return text;
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) result[key] = value;
  return result;
}

function scenarioText(scenario: Scenario, input: RunInput): Record<string, string> {
  const result: Record<string, string> = {};

  for (const [key, spec] of Object.entries(scenario.options ?? {})) {
    const value = input.scenarioOptions?.[key] ?? spec.default;
    if (value !== undefined) result[key] = String(value);
  }

  return result;
}
