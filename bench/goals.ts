import type { EngineFigures } from './engine.ts';
import type { Figure } from './figures.ts';
import type { CliFigures, LargeRunFigures } from './processes.ts';
import type { Profile } from './profiles.ts';

/** The outcome of one goal, judged on the median of its figure. */
export interface GoalCheck {
  readonly goal: string;
  readonly status: 'met' | 'not met' | 'not evaluated';
  readonly detail: string;
}

export const ENGINE_MIN_RATE = 4_000_000;
export const ENGINE_MIN_RATIO = 0.5;
export const LARGE_MAX_WALL_S = 5;
export const LARGE_MAX_RSS_MB = 400;
export const BULLPEN_MAX_WALL_S = 1;

/** Measured figures, grouped as the benchmark runs them. */
export interface BenchFigures {
  readonly engine: EngineFigures;
  readonly large: LargeRunFigures;
  readonly cli: CliFigures;
}

/**
 * Judges each goal. The engine and large-run goals are stated for the full profile's sizes, so
 * the quick profile reports them as not evaluated and only shows its own figures.
 */
export function checkGoals(profile: Profile, figures: BenchFigures): GoalCheck[] {
  const { engine, large, cli } = figures;
  const sized = profile.name === 'full';
  const runTime = `simulate() alone ${format(large.run)}`;

  return [
    judge('sim at 1,000 consumers: at least 4 M events/s', engine.sim, ENGINE_MIN_RATE, sized),
    judge(
      'sim at 1,000 consumers: at least 0.5 of the bare loop',
      engine.ratio,
      ENGINE_MIN_RATIO,
      sized,
    ),
    judge(
      '100,000 consumers x 100 s: under 5 s wall',
      large.wall,
      LARGE_MAX_WALL_S,
      sized,
      runTime,
    ),
    judge(
      '100,000 consumers x 100 s: under 400 MB peak RSS',
      large.maxRss,
      LARGE_MAX_RSS_MB,
      sized,
    ),
    judge('bullpen through node: under 1 s wall', cli.node, BULLPEN_MAX_WALL_S, true),
    judge('bullpen through npm run -s: under 1 s wall', cli.npm, BULLPEN_MAX_WALL_S, true),
  ];
}

/** Compares a figure's median with a bound: a floor for bigger-is-better, else a ceiling. */
function judge(
  goal: string,
  figure: Figure,
  bound: number,
  applies: boolean,
  context?: string,
): GoalCheck {
  const met = figure.direction === 'bigger' ? figure.value >= bound : figure.value < bound;
  const sizes = applies ? '' : ' at --quick sizes';
  const detail = [`measured ${format(figure)}${sizes}`, context].filter(Boolean).join('; ');

  if (!applies) return { goal, status: 'not evaluated', detail };
  return { goal, status: met ? 'met' : 'not met', detail };
}

/** Formats a figure's median with its unit, such as "3.12 M events/s" or "0.452 s"; a ratio has none. */
export function format(figure: Figure): string {
  const value = formatValue(figure.unit, figure.value);
  return figure.unit === 'ratio' ? value : `${value} ${figure.unit}`;
}

/** Formats a value for reading: rates in millions, times in ms precision, sizes in whole MB. */
export function formatValue(unit: string, value: number): string {
  if (unit.endsWith('/s')) return `${(value / 1e6).toFixed(2)} M`;
  if (unit === 's') return value.toFixed(3);
  if (unit === 'MB') return value.toFixed(0);
  return value.toFixed(2);
}
