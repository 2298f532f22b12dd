import { PollVsPushError } from '../errors.ts';
import { flagOf } from '../model/option-values.ts';
import type { OptionSpec, Scenario } from '../model/scenario.ts';
import { KNOBS } from './knobs.ts';
import type { RunInput } from './settings.ts';

/**
 * The kind of a swept value, which sets how it is written and counted: a duration in ms, a rate
 * in events per second, a whole number, or any other number.
 */
export type SweepKind = 'duration' | 'rate' | 'integer' | 'number';

/** A setting that `--sweep` can vary: a common option, a scenario option or a knob. */
export interface SweepParam {
  /** The name as `--sweep` takes it, which is the flag without its dashes, such as `hold`. */
  readonly name: string;
  /** The key of the setting in a report's options, such as `backoffBase`. */
  readonly key: string;
  readonly flag: string;
  readonly kind: SweepKind;
  /** Reads the value the input already gives the setting, if any. */
  read(input: RunInput): string | undefined;
  /** Returns a copy of `input` with the setting given as `text`. */
  apply(input: RunInput, text: string): RunInput;
}

type CommonKey = 'interval' | 'consumers' | 'duration' | 'latency';

/**
 * The common options a sweep can vary. `--interval` and `--latency` take distributions, and a
 * sweep gives them single durations. The seed is left out on purpose: a sweep keeps one seed so
 * that its points differ only in the swept setting.
 */
const COMMON_PARAMS: readonly [CommonKey, SweepKind][] = [
  ['interval', 'duration'],
  ['consumers', 'integer'],
  ['duration', 'duration'],
  ['latency', 'duration'],
];

/** Knob value words that mean one number or one duration. */
const KNOB_KINDS: Readonly<Record<string, SweepKind>> = {
  X: 'number',
  N: 'integer',
  DURATION: 'duration',
  DISTRIBUTION: 'duration',
};

/** Scenario option types whose values are one number, duration or rate. */
const OPTION_KINDS: Readonly<Partial<Record<OptionSpec['type'], SweepKind>>> = {
  integer: 'integer',
  number: 'number',
  duration: 'duration',
  distribution: 'duration',
  rate: 'rate',
};

/** Lists what `--sweep` can vary in `scenario`: common options, its own options, then knobs. */
export function sweepParams(scenario: Scenario): SweepParam[] {
  return [...COMMON_PARAMS.map(commonParam), ...optionParams(scenario), ...knobParams()];
}

/**
 * Finds the setting `--sweep` names, written as in its flag (`backoff-base`), with the dashes
 * (`--backoff-base`) or as its key (`backoffBase`).
 */
export function findSweepParam(scenario: Scenario, name: string): SweepParam {
  const params = sweepParams(scenario);
  const flag = name.startsWith('--') ? name : flagOf(name);
  const found = params.find((param) => param.flag === flag);
  if (found !== undefined) return found;

  throw new PollVsPushError(
    'PVP_NOT_SWEEPABLE',
    `--sweep names '${name}', which is not a setting of ${scenario.name} that takes a number, ` +
      `a duration or a rate; sweepable names: ${params.map((param) => param.name).join(', ')}`,
  );
}

function commonParam([key, kind]: [CommonKey, SweepKind]): SweepParam {
  return {
    name: key,
    key,
    flag: `--${key}`,
    kind,
    read: (input) => input[key],
    apply: (input, text) => ({ ...input, [key]: text }),
  };
}

function optionParams(scenario: Scenario): SweepParam[] {
  const params: SweepParam[] = [];

  for (const [key, spec] of Object.entries(scenario.options ?? {})) {
    const kind = OPTION_KINDS[spec.type];
    if (kind === undefined) continue;
    params.push({
      name: flagOf(key).slice(2),
      key,
      flag: flagOf(key),
      kind,
      read: (input) => input.scenarioOptions?.[key],
      apply: (input, text) => ({
        ...input,
        scenarioOptions: { ...input.scenarioOptions, [key]: text },
      }),
    });
  }

  return params;
}

function knobParams(): SweepParam[] {
  const params: SweepParam[] = [];

  for (const knob of KNOBS) {
    const kind = KNOB_KINDS[knob.value];
    if (kind === undefined) continue;
    params.push({
      name: knob.flag.slice(2),
      key: knob.key,
      flag: knob.flag,
      kind,
      read: (input) => input.knobs?.[knob.key],
      apply: (input, text) => ({ ...input, knobs: { ...input.knobs, [knob.key]: text } }),
    });
  }

  return params;
}
