import { parseDuration, parseRate } from '../engine/units.ts';
import { invalidOption } from '../errors.ts';
import { readInteger } from '../model/option-values.ts';
import type { Scenario } from '../model/scenario.ts';
import type { SweepKind, SweepParam } from './sweep-params.ts';
import { findSweepParam } from './sweep-params.ts';

export type Spacing = 'log' | 'linear';

/** The sweep options as the user wrote them. */
export interface SweepInput {
  /** `NAME=FROM..TO`, such as `interval=30s..30m`. */
  readonly sweep: string;
  readonly steps?: string;
  readonly spacing?: string;
}

/** One value a sweep runs, as the text a plain run would take and as a number. */
export interface SweepPoint {
  /** The value as an option takes it, such as `1.94m`, so that one point can be rerun alone. */
  readonly text: string;
  /** The value in ms for a duration, in events per second for a rate, else the number itself. */
  readonly amount: number;
}

/** A checked sweep: which setting it varies, over which range, and the values it runs. */
export interface SweepPlan {
  readonly param: SweepParam;
  readonly from: string;
  readonly to: string;
  /** The steps asked for; `points` may hold fewer when rounding makes two of them equal. */
  readonly steps: number;
  readonly spacing: Spacing;
  readonly points: readonly SweepPoint[];
}

export const DEFAULT_STEPS = 7;

/** More points than this make a table too long to read and a curve no smoother. */
export const MAX_STEPS = 100;

/** A range whose end is more than this many times its start gets log spacing by default. */
const LOG_RATIO = 10;

const FORM = 'NAME=FROM..TO, such as interval=30s..30m';

/** Checks the sweep options against `scenario` and works out the values to run. */
export function planSweep(scenario: Scenario, input: SweepInput): SweepPlan {
  const { name, from, to } = splitSweep(input.sweep);
  const param = findSweepParam(scenario, name);
  const start = readEnd(param.kind, from, input.sweep);
  const end = readEnd(param.kind, to, input.sweep);

  if (end <= start) {
    const example = end < start ? `, such as ${name}=${to}..${from}` : '';
    throw invalidOption('--sweep', input.sweep, `a range that starts below its end${example}`);
  }

  const steps = readInteger('--steps', input.steps ?? String(DEFAULT_STEPS), 2, MAX_STEPS);
  const spacing = readSpacing(input.spacing, start, end);
  const points = makePoints(param.kind, { from, to, start, end, steps, spacing });
  return { param, from, to, steps, spacing, points };
}

function splitSweep(text: string): { name: string; from: string; to: string } {
  const equals = text.indexOf('=');
  const range = text.slice(equals + 1).split('..');
  const [from, to] = range;

  if (equals <= 0 || range.length !== 2 || from === undefined || to === undefined) {
    throw invalidOption('--sweep', text, FORM);
  }
  return { name: text.slice(0, equals).trim(), from: from.trim(), to: to.trim() };
}

const KIND_FORMS: Readonly<Record<SweepKind, string>> = {
  duration: 'durations such as 30s..30m',
  rate: 'rates such as 1/h..10/min',
  integer: 'whole numbers such as 1..100',
  number: 'numbers such as 0..0.5',
};

/** Reads one end of the range as the number that `SweepPoint.amount` holds. */
function readEnd(kind: SweepKind, text: string, sweep: string): number {
  const value = parseAmount(kind, text);
  if (value === undefined) {
    throw invalidOption('--sweep', sweep, `a range of ${KIND_FORMS[kind]} for this setting`);
  }
  return value;
}

function parseAmount(kind: SweepKind, text: string): number | undefined {
  switch (kind) {
    case 'duration':
      return parseDuration(text);
    case 'rate': {
      const perMs = parseRate(text);
      return perMs === undefined ? undefined : perMs * 1000;
    }
    case 'integer':
      return /^\d+$/.test(text) ? Number(text) : undefined;
    case 'number': {
      const value = Number(text);
      return text === '' || !Number.isFinite(value) ? undefined : value;
    }
  }
}

/**
 * Reads `--spacing`. Without it, a range whose start is above zero and whose end is more than
 * ten times its start gets log spacing, and any other range gets linear spacing.
 */
function readSpacing(text: string | undefined, start: number, end: number): Spacing {
  if (text === undefined) return start > 0 && end / start > LOG_RATIO ? 'log' : 'linear';

  const spacing = text.trim();
  if (spacing !== 'log' && spacing !== 'linear') {
    throw invalidOption('--spacing', text, "'log' or 'linear'");
  }
  if (spacing === 'log' && start <= 0) {
    throw invalidOption(
      '--spacing',
      text,
      "'linear' for a range that starts at zero or below, because a log scale needs a start " +
        'above zero',
    );
  }
  return spacing;
}

interface Range {
  readonly from: string;
  readonly to: string;
  readonly start: number;
  readonly end: number;
  readonly steps: number;
  readonly spacing: Spacing;
}

/**
 * Spreads the points over the range. The ends keep the text the user wrote, and each point in
 * between is rounded to three significant digits, or to a whole number for counts, so that its
 * text is short and reruns exactly. Points that round to the same text run once.
 */
function makePoints(kind: SweepKind, range: Range): SweepPoint[] {
  const texts: string[] = [];
  const last = range.steps - 1;

  for (let index = 0; index <= last; index++) {
    if (index === 0) texts.push(range.from);
    else if (index === last) texts.push(range.to);
    else texts.push(formatAmount(kind, valueAt(range, index / last)));
  }

  return [...new Set(texts)].map((text) => ({ text, amount: parseAmount(kind, text) as number }));
}

function valueAt(range: Range, share: number): number {
  if (range.spacing === 'log') return range.start * (range.end / range.start) ** share;
  return range.start + (range.end - range.start) * share;
}

const DURATION_UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

const RATE_UNITS: readonly [string, number][] = [
  ['s', 1],
  ['min', 60],
  ['h', 3_600],
];

/** Writes an amount as the option text that parses back to it, such as `1.94m` or `2.5/min`. */
function formatAmount(kind: SweepKind, amount: number): string {
  switch (kind) {
    case 'duration': {
      const [unit, size] = DURATION_UNITS.find(([, size]) => amount >= size) ?? ['ms', 1];
      return `${significant(amount / size)}${unit}`;
    }
    case 'rate': {
      const [unit, span] = RATE_UNITS.find(([, span]) => amount * span >= 1) ?? ['d', 86_400];
      return `${significant(amount * span)}/${unit}`;
    }
    case 'integer':
      return String(Math.round(amount));
    case 'number':
      return significant(amount);
  }
}

/** Rounds to three significant digits and writes the number without an exponent. */
function significant(value: number): string {
  const rounded = Number(value.toPrecision(3));
  return rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
