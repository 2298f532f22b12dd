import Table from 'cli-table3';
import type { BenchmarkEntry, Comparison } from './compare.ts';
import type { Figure } from './figures.ts';
import type { GoalCheck } from './goals.ts';
import { formatValue } from './goals.ts';
import type { MachineInfo } from './machine.ts';
import { describeMachine } from './machine.ts';
import type { Profile } from './profiles.ts';
import type { ScenarioFigures, ScenarioRow } from './scenarios.ts';
import { wastePercent } from './scenarios.ts';

export type { BenchmarkEntry } from './compare.ts';

/** Figures under one heading of the report. */
export interface Section {
  readonly title: string;
  readonly figures: readonly Figure[];
}

/** Everything a report shows. Groups that did not run leave their parts out. */
export interface BenchReport {
  readonly profile: Profile;
  readonly machine: MachineInfo;
  readonly sections: readonly Section[];
  readonly goals: readonly GoalCheck[];
  readonly scenarios?: ScenarioFigures;
  readonly comparison?: { readonly file: string; readonly result: Comparison };
}

/** Returns every figure of the report, in the order of its sections. */
export function allFigures(report: BenchReport): Figure[] {
  return report.sections.flatMap((section) => section.figures);
}

/** Table borders without a rule between rows, so that long tables stay readable. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Renders the figures as the JSON array that `--json` prints. */
export function renderJson(figures: readonly Figure[]): string {
  return `${JSON.stringify(figures.map(toEntry), null, 2)}\n`;
}

/** Turns a figure into github-action-benchmark's custom entry; an exact figure has no range. */
export function toEntry(figure: Figure): BenchmarkEntry {
  const better = figure.direction === 'bigger' ? 'bigger is better' : 'smaller is better';
  const value = round(figure.unit, figure.value);

  if (figure.deterministic === true) {
    const extra = [better, figure.note].filter((note) => note !== undefined).join('; ');
    return { name: figure.name, unit: figure.unit, value, extra };
  }

  const notes = [`median of ${figure.samples} samples`, better, figure.note];
  return {
    name: figure.name,
    unit: figure.unit,
    value,
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

/** The statement of method that heads the text and Markdown reports. */
export function describeMethod(): string {
  return (
    'Each figure is the median of its samples, with the smallest and largest sample; the ' +
    'samples column gives their count. A ratio compares two tasks timed in the same rounds, ' +
    'each round one call of each, alternating which goes first; one ratio sample is one pair ' +
    'of rounds, one in each order. Absolute figures depend on the machine and its load, so ' +
    'only ratios are compared across runs. Latencies under load are closed-loop (autocannon ' +
    'sends on each connection only after the previous response), so a server stall delays ' +
    'later requests rather than showing in their latency, and the p99 understates what an ' +
    'open stream of requests would see. Scenario figures are deterministic.'
  );
}

/** Renders the readable report: the machine, a table per section, goals, comparison. */
export function renderText(report: BenchReport): string {
  const parts = [
    wrap(`poll-vs-push bench, ${report.profile.name} profile: ${describeMachine(report.machine)}`),
    wrap(describeMethod()),
  ];

  for (const section of report.sections) {
    if (section.figures.length === 0 || section.figures.every((f) => f.deterministic)) continue;
    parts.push(`${section.title}:\n${figureTable(section.figures)}`);
  }
  if (report.scenarios !== undefined) parts.push(renderScenarioText(report.scenarios));
  if (report.goals.length > 0) {
    const lines = report.goals.map((check) => `${check.status}: ${check.goal} (${check.detail})`);
    parts.push(`Goals:\n${lines.join('\n')}`);
  }
  if (report.comparison !== undefined) {
    parts.push(renderComparisonText(report.comparison.file, report.comparison.result));
  }
  return `${parts.join('\n\n')}\n`;
}

function figureTable(figures: readonly Figure[]): string {
  const table = new Table({
    head: ['figure', 'median', 'min', 'max', 'unit', 'samples'],
    colAligns: ['left', 'right', 'right', 'right', 'left', 'right'],
    style: { head: [], border: [] },
    chars: COMPACT,
  });

  for (const figure of figures) {
    const cells = [figure.value, figure.min, figure.max].map((v) => formatValue(figure.unit, v));
    table.push([figure.name, ...cells, figure.unit, figure.samples]);
  }
  return table.toString();
}

/** The columns of a scenario table, one row per strategy. */
export const SCENARIO_COLUMNS = [
  'strategy',
  'requests',
  'wasted',
  'deliveries',
  'notified',
  'missed',
  'mean latency (ms)',
  'p99 latency (ms)',
] as const;

/** Returns the cells of one scenario row, in the order of `SCENARIO_COLUMNS`. */
export function scenarioCells(row: ScenarioRow): string[] {
  const { result } = row;
  const count = (value: number) => value.toLocaleString('en-US');
  const latency = (value: number) => value.toFixed(0);

  return [
    row.strategy,
    count(result.requests),
    result.requests === 0 ? '0' : `${count(result.wastedRequests)} (${wastePercent(result)})`,
    count(result.deliveries),
    `${count(result.events.notified)} of ${count(result.events.total)}`,
    count(result.events.missed),
    latency(result.latencyMs.mean),
    latency(result.latencyMs.p99),
  ];
}

/** Groups the rows by scenario, keeping their order. */
export function rowsByScenario(rows: readonly ScenarioRow[]): Map<string, ScenarioRow[]> {
  const groups = new Map<string, ScenarioRow[]>();
  for (const row of rows) {
    const group = groups.get(row.scenario) ?? [];
    group.push(row);
    groups.set(row.scenario, group);
  }
  return groups;
}

/** Describes how the scenarios ran and which were skipped, in sentences. */
export function describeScenarioRun(scenarios: ScenarioFigures): string[] {
  const lines = [
    'Every built-in scenario under every strategy in the simulator, with its defaults and ' +
      'seed 1. These figures are deterministic: they change only when the model does.',
  ];
  if (scenarios.onTraceFile.length > 0) {
    lines.push(
      `Run on a generated trace of ${scenarios.traceRows} rows, because they require --file: ` +
        `${scenarios.onTraceFile.join(', ')}.`,
    );
  }
  for (const skip of scenarios.skipped) lines.push(`Skipped ${skip.scenario}: ${skip.reason}.`);
  return lines;
}

function renderScenarioText(scenarios: ScenarioFigures): string {
  const parts = [`Scenarios:\n${describeScenarioRun(scenarios).map(wrap).join('\n')}`];

  for (const [name, rows] of rowsByScenario(scenarios.rows)) {
    const table = new Table({
      head: [...SCENARIO_COLUMNS],
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      style: { head: [], border: [] },
      chars: COMPACT,
    });
    for (const row of rows) table.push(scenarioCells(row));
    parts.push(`${name}:\n${table.toString()}`);
  }
  return parts.join('\n');
}

/** Formats a comparison's change as a signed percentage, such as "-12.5%". */
export function formatChange(change: number): string {
  const percent = (change * 100).toFixed(1);
  return change > 0 ? `+${percent}%` : `${percent}%`;
}

/** Returns the entries a comparison lists: all but the deterministic ones that did not change. */
export function listedEntries(comparison: Comparison) {
  return comparison.entries.filter((entry) => entry.verdict !== 'unchanged');
}

/** Sums up a comparison in two sentences: the outcome with its causes, then what it covered. */
export function describeComparison(file: string, comparison: Comparison): string {
  const count = (verdict: string) =>
    comparison.entries.filter((entry) => entry.verdict === verdict).length;
  const tolerance = `${(comparison.tolerance * 100).toFixed(0)}%`;

  let outcome = `Comparison with ${file} passed`;
  if (comparison.entries.length === 0) {
    outcome =
      `Comparison with ${file} FAILED: the reports share no figure; ` +
      'compare a report of the same profile';
  } else if (comparison.failed) {
    outcome =
      `Comparison with ${file} FAILED: ${count('regressed')} ratios fell by more than ` +
      `${tolerance} and ${count('changed')} deterministic scenario figures changed`;
  }

  return (
    `${outcome}. Ratios gate at a tolerance of ${tolerance}, absolute figures are shown but ` +
    `never gate, and ${count('unchanged')} deterministic figures are unchanged; ` +
    `${comparison.onlySaved.length} figures are only in the saved report and ` +
    `${comparison.onlyCurrent.length} only in this one.`
  );
}

/** Renders a comparison as a sentence and a table of the entries that it lists. */
export function renderComparisonText(file: string, comparison: Comparison): string {
  const table = new Table({
    head: ['figure', 'saved', 'now', 'change', 'verdict'],
    colAligns: ['left', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: COMPACT,
  });

  for (const entry of listedEntries(comparison)) {
    table.push([
      entry.name,
      formatValue(entry.unit, entry.saved),
      formatValue(entry.unit, entry.current),
      formatChange(entry.change),
      entry.detail === undefined ? entry.verdict : `${entry.verdict}; ${entry.detail}`,
    ]);
  }
  return `${wrap(describeComparison(file, comparison))}\n${table.toString()}`;
}

/** Breaks text into lines of at most `width` characters at spaces, for the terminal. */
export function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';

  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
