import type { Distribution } from './distributions.ts';

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const DURATION_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|min|m|h|d)$/;

/**
 * Parses a duration such as `500ms`, `30s`, `2m`, `1h` or `1d` into milliseconds. A bare `0` is
 * accepted as zero. Returns `undefined` for anything else, so the caller can name the option.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;

  const match = DURATION_PATTERN.exec(trimmed);
  if (match === null) return undefined;

  const unit = DURATION_UNITS[match[2] as string] as number;
  return Number(match[1]) * unit;
}

const RATE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*\/\s*(ms|s|min|m|h|d)$/;

/** Parses a rate such as `0.5/s`, `1/min` or `30/h` into events per millisecond. */
export function parseRate(text: string): number | undefined {
  const match = RATE_PATTERN.exec(text.trim());
  if (match === null) return undefined;

  const unit = DURATION_UNITS[match[2] as string] as number;
  return Number(match[1]) / unit;
}

/** Formats a rate in events per millisecond for people, in the largest unit where it is >= 1. */
export function formatRate(perMs: number): string {
  const units: [string, number][] = [
    ['s', 1_000],
    ['min', 60_000],
    ['h', 3_600_000],
    ['d', 86_400_000],
  ];

  for (const [unit, ms] of units) {
    const value = perMs * ms;
    if (value >= 1) return `${trimNumber(value)}/${unit}`;
  }

  return `${trimNumber(perMs * 86_400_000)}/d`;
}

function trimNumber(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

const CALL_PATTERN = /^(\w+)\s*\(([^)]*)\)\s*(?:\[([^\]]*)\])?$/;

const ARITY: Readonly<Record<string, number>> = {
  uniform: 2,
  exp: 1,
  exponential: 1,
  normal: 2,
  lognormal: 2,
};

/**
 * Parses a distribution of values written like `20ms` (constant), `uniform(10ms, 30ms)`,
 * `exp(20ms)`, `normal(10m, 1m)` or `lognormal(50ms, 20ms)`, each optionally followed by a
 * truncation range such as `[8m, 12m]`. `parseValue` reads each number with its unit.
 * Throws an `Error` whose message explains what is wrong with the text.
 */
export function parseDistribution(
  text: string,
  parseValue: (value: string) => number | undefined,
): Distribution {
  const trimmed = text.trim();
  const single = parseValue(trimmed);
  if (single !== undefined) return { kind: 'constant', value: single };

  const match = CALL_PATTERN.exec(trimmed);
  if (match === null) throw new Error('it is neither a value nor a distribution');

  const name = (match[1] as string).toLowerCase();
  const arity = ARITY[name];
  if (arity === undefined) throw new Error(`'${name}' is not a known distribution`);

  const args = readValues(match[2] as string, parseValue);
  if (args.length !== arity) throw new Error(`${name} takes ${arity} value(s), got ${args.length}`);

  const distribution = build(name, args);
  if (match[3] === undefined) return distribution;

  return { ...distribution, range: readRange(match[3], parseValue) };
}

function readValues(list: string, parseValue: (value: string) => number | undefined): number[] {
  return list.split(',').map((part) => {
    const value = parseValue(part.trim());
    if (value === undefined) throw new Error(`'${part.trim()}' is not a valid value`);
    return value;
  });
}

function readRange(
  list: string,
  parseValue: (value: string) => number | undefined,
): { min: number; max: number } {
  const values = readValues(list, parseValue);
  const [min, max] = values;
  if (values.length !== 2 || min === undefined || max === undefined) {
    throw new Error('a range takes two values, [min, max]');
  }
  if (min > max) throw new Error('a range must have its min at or below its max');
  return { min, max };
}

function build(name: string, args: number[]): Distribution {
  const [first = 0, second = 0] = args;

  switch (name) {
    case 'uniform':
      if (first > second) throw new Error('uniform(min, max) needs min <= max');
      return { kind: 'uniform', min: first, max: second };
    case 'normal':
      return { kind: 'normal', mean: first, sd: second };
    case 'lognormal':
      if (first <= 0) throw new Error('lognormal(mean, sd) needs a mean above zero');
      return { kind: 'lognormal', mean: first, sd: second };
    default:
      if (first <= 0) throw new Error('exp(mean) needs a mean above zero');
      return { kind: 'exponential', mean: first };
  }
}
