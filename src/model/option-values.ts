import type { Distribution } from '../engine/distributions.ts';
import { moments, upperBound } from '../engine/distributions.ts';
import { parseDistribution, parseDuration, parseRate } from '../engine/units.ts';
import { invalidOption, PollVsPushError } from '../errors.ts';
import type { OptionSpec, OptionSpecs } from './scenario.ts';

/** Turns an option key such as `timeColumn` into its flag, `--time-column`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * The longest duration any option accepts: ten years. Latencies are kept in whole microseconds,
 * and far longer spans would also outrun what a run can simulate.
 */
export const MAX_DURATION_MS = 3650 * 86_400_000;

/** Reads a positive duration such as `30s`; `allowZero` also accepts `0`. */
export function readDuration(flag: string, text: string, allowZero = false): number {
  rejectNegative(flag, text);
  const value = parseDuration(text);
  if (value === undefined || value < 0 || (value === 0 && !allowZero)) {
    const kind = allowZero ? 'a duration' : 'a positive duration';
    throw invalidOption(flag, text, `${kind} such as 500ms, 30s, 2m, 1h or 1d`);
  }
  rejectTooLong(flag, text, value);
  return value;
}

function rejectNegative(flag: string, text: string): void {
  if (text.trim().startsWith('-')) {
    throw invalidOption(flag, text, 'a duration that is not negative, such as 30s');
  }
}

function rejectTooLong(flag: string, text: string, value: number): void {
  if (value > MAX_DURATION_MS) throw invalidOption(flag, text, 'at most 3650d (ten years)');
}

export function readRate(flag: string, text: string): number {
  const value = parseRate(text);
  if (value === undefined || value <= 0) {
    throw invalidOption(
      flag,
      text,
      'a positive rate, a decimal number per unit such as 0.5/s, 1/min or 30/h',
    );
  }
  return value;
}

/** Reads a distribution of durations, such as `50ms` or `uniform(10ms, 90ms)`. */
export function readDistribution(flag: string, text: string): Distribution {
  rejectNegative(flag, text);

  try {
    const distribution = parseDistribution(text, parseDuration);
    const bound = upperBound(distribution);
    rejectTooLong(flag, text, Number.isFinite(bound) ? bound : (moments(distribution)?.mean ?? 0));
    return distribution;
  } catch (error: unknown) {
    if (error instanceof PollVsPushError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidOption(
      flag,
      text,
      `a duration such as 30s, or a distribution such as uniform(10s, 50s), exp(30s), ` +
        `normal(10m, 1m)[8m, 12m] or lognormal(50ms, 20ms) (${reason})`,
    );
  }
}

export function readInteger(flag: string, text: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw invalidOption(flag, text, `a whole number ${bound}, such as ${Math.max(min, 1)}`);
  }
  return value;
}

export function readNumber(
  flag: string,
  text: string,
  spec: { min?: number; max?: number },
): number {
  const value = Number(text);
  const min = spec.min ?? Number.NEGATIVE_INFINITY;
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw invalidOption(flag, text, `a number from ${min} to ${max}`);
  }
  return value;
}

/** Reads one scenario option from its text, or its default when the text is absent. */
export function resolveOption(key: string, spec: OptionSpec, text: string | undefined): unknown {
  const flag = flagOf(key);
  const given = text ?? (spec.default === undefined ? undefined : String(spec.default));

  if (given === undefined) {
    if (spec.required !== true) return undefined;
    throw new PollVsPushError('PVP_MISSING_VALUE', `${flag} is required; ${spec.description}`);
  }

  switch (spec.type) {
    case 'integer':
      return readInteger(flag, given, spec.min ?? 0, spec.max);
    case 'number':
      return readNumber(flag, given, spec);
    case 'duration':
      return readDuration(flag, given, true);
    case 'rate':
      return readRate(flag, given);
    case 'distribution':
      return readDistribution(flag, given);
    case 'string':
      return given;
  }
}

/** Reads every option a scenario declares from the texts given by flag key. */
export function resolveOptions(
  specs: OptionSpecs,
  texts: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    values[key] = resolveOption(key, spec, texts[key]);
  }
  return values;
}
