import { availableParallelism, cpus, loadavg } from 'node:os';
import Table from 'cli-table3';
import type { Figure } from './figures.ts';
import type { GoalCheck } from './goals.ts';
import { formatValue } from './goals.ts';
import type { Profile } from './profiles.ts';

/** One entry of github-action-benchmark's custom JSON format. */
export interface BenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  /** The smallest and largest sample, as text in the figure's unit. */
  readonly range: string;
  readonly extra: string;
}

/** Renders the figures as the JSON array that `--json` prints. */
export function renderJson(figures: readonly Figure[]): string {
  return `${JSON.stringify(figures.map(toEntry), null, 2)}\n`;
}

function toEntry(figure: Figure): BenchmarkEntry {
  const better = figure.direction === 'bigger' ? 'bigger is better' : 'smaller is better';
  const notes = [`median of ${figure.samples} samples`, better, figure.note];

  return {
    name: figure.name,
    unit: figure.unit,
    value: round(figure.unit, figure.value),
    range: `${round(figure.unit, figure.min)} to ${round(figure.unit, figure.max)}`,
    extra: notes.filter((note) => note !== undefined).join('; '),
  };
}

/** Rounds a value to a precision that its unit can carry without showing noise. */
function round(unit: string, value: number): number {
  if (unit.endsWith('/s')) return Math.round(value);
  if (unit === 'MB') return Math.round(value * 10) / 10;
  return Math.round(value * 1000) / 1000;
}

/** Renders the readable report: the machine, a table of figures, then one line per goal. */
export function renderText(
  profile: Profile,
  figures: readonly Figure[],
  goals: readonly GoalCheck[],
): string {
  const table = new Table({
    head: ['figure', 'median', 'min', 'max', 'unit', 'samples'],
    colAligns: ['left', 'right', 'right', 'right', 'left', 'right'],
    style: { head: [], border: [] },
  });

  for (const figure of figures) {
    const cells = [figure.value, figure.min, figure.max].map((v) => formatValue(figure.unit, v));
    table.push([figure.name, ...cells, figure.unit, figure.samples]);
  }

  const goalLines = goals.map((check) => `${check.status}: ${check.goal} (${check.detail})`);
  return `${describeMachine(profile)}\n${table.toString()}\nGoals:\n${goalLines.join('\n')}\n`;
}

/** Names the machine and its load when the report is written, since both move the figures. */
function describeMachine(profile: Profile): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  const cores = availableParallelism();
  const load = loadavg()[0]?.toFixed(2) ?? 'unknown';

  return (
    `poll-vs-push bench, ${profile.name} profile: Node ${process.version}, ${cores} CPUs ` +
    `(${model}), load average ${load} over the last minute`
  );
}
