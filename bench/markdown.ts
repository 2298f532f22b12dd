import type { Comparison } from './compare.ts';
import type { Figure } from './figures.ts';
import { formatValue } from './goals.ts';
import { describeMachine } from './machine.ts';
import type { BenchReport } from './report.ts';
import {
  allFigures,
  describeComparison,
  describeMethod,
  describeScenarioRun,
  formatChange,
  listedEntries,
  rowsByScenario,
  SCENARIO_COLUMNS,
  scenarioCells,
} from './report.ts';
import type { ScenarioFigures } from './scenarios.ts';

/**
 * Renders the report as GitHub-flavoured Markdown for a CI job summary: the machine, the
 * ratios first, a table per section, the goals, the comparison, and the scenario tables folded
 * in a details block.
 */
export function renderMarkdown(report: BenchReport): string {
  const parts = [
    `## poll-vs-push benchmark, ${report.profile.name} profile`,
    `**Machine:** ${escapeCell(describeMachine(report.machine))}.`,
    describeMethod(),
  ];

  const ratios = allFigures(report).filter((f) => f.unit === 'ratio' && !f.deterministic);
  if (ratios.length > 0) parts.push(`### Ratios\n\n${ratioTable(ratios)}`);

  for (const section of report.sections) {
    const measured = section.figures.filter((figure) => !figure.deterministic);
    if (measured.length > 0) parts.push(`### ${section.title}\n\n${figureTable(measured)}`);
  }
  if (report.goals.length > 0) parts.push(`### Goals\n\n${goalTable(report)}`);
  if (report.comparison !== undefined) {
    const { file, result } = report.comparison;
    parts.push(`### Comparison\n\n${comparisonMarkdown(file, result)}`);
  }
  if (report.scenarios !== undefined) parts.push(scenarioMarkdown(report.scenarios));

  return `${parts.join('\n\n')}\n`;
}

/** Escapes the characters that would end a table cell or start markup. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(head: readonly string[], align: string, rows: readonly string[][]): string {
  const lines = [`| ${head.join(' | ')} |`, `|${align}|`];
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}

function range(figure: Figure): string {
  return `${formatValue(figure.unit, figure.min)} to ${formatValue(figure.unit, figure.max)}`;
}

function ratioTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.name,
    `**${formatValue(figure.unit, figure.value)}**`,
    range(figure),
    String(figure.samples),
  ]);
  return table(['comparison', 'ratio', 'range', 'samples'], ':--|--:|--:|--:', rows);
}

function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.name,
    formatValue(figure.unit, figure.value),
    range(figure),
    figure.unit,
    String(figure.samples),
  ]);
  return table(['figure', 'median', 'range', 'unit', 'samples'], ':--|--:|--:|:--|--:', rows);
}

function goalTable(report: BenchReport): string {
  const rows = report.goals.map((check) => [check.goal, check.status, check.detail]);
  return table(['goal', 'status', 'measured'], ':--|:--|:--', rows);
}

function comparisonMarkdown(file: string, comparison: Comparison): string {
  const rows = listedEntries(comparison).map((entry) => [
    entry.name,
    formatValue(entry.unit, entry.saved),
    formatValue(entry.unit, entry.current),
    formatChange(entry.change),
    entry.detail === undefined ? entry.verdict : `${entry.verdict}; ${entry.detail}`,
  ]);
  const summary = escapeCell(describeComparison(`\`${file}\``, comparison));
  if (rows.length === 0) return summary;

  const head = ['figure', 'saved', 'now', 'change', 'verdict'];
  return `${summary}\n\n${table(head, ':--|--:|--:|--:|:--', rows)}`;
}

function scenarioMarkdown(scenarios: ScenarioFigures): string {
  const groups = rowsByScenario(scenarios.rows);
  const strategies = new Set(scenarios.rows.map((row) => row.strategy)).size;
  const parts = [`### Scenarios\n\n${describeScenarioRun(scenarios).join(' ')}`];

  parts.push(`<details><summary>${groups.size} scenarios x ${strategies} strategies</summary>`);
  for (const [name, rows] of groups) {
    const align = `:--|${'--:|'.repeat(SCENARIO_COLUMNS.length - 1)}`.slice(0, -1);
    parts.push(`#### ${name}\n\n${table(SCENARIO_COLUMNS, align, rows.map(scenarioCells))}`);
  }
  parts.push('</details>');
  return parts.join('\n\n');
}
