import { flagOf } from '../model/option-values.ts';
import type { OptionSpec, Scenario } from '../model/scenario.ts';
import type { Knob } from '../runtime/knobs.ts';
import { KNOBS } from '../runtime/knobs.ts';
import { sweepParams } from '../runtime/sweep-params.ts';
import { COMMON_OPTIONS } from './common-options.ts';

const USAGE = `Usage: npm run scenario -- <scenario> [options]
       npm run scenario -- list

Runs a scenario under each strategy, on a virtual clock or with --mode live over real HTTP on
127.0.0.1, and prints what each cost: requests, wasted requests, deliveries, notification
latency and missed events. <scenario> is a built-in name (see list) or the path of a module
made with defineScenario.

Durations are written like 500ms, 30s, 2m, 1h or 1d; rates like 0.5/s, 1/min or 30/h. A
distribution, such as normal(1m, 30s), may draw values below zero, which count as zero.
Write -- after 'npm run scenario' so that npm passes the options on.

The tables of a run and of a sweep are in colour when stdout is a terminal. NO_COLOR=1 turns
colour off, and FORCE_COLOR=1 turns it on in a pipe or a file. --json, --csv and --markdown
never have colour.`;

const PLACEHOLDERS: Readonly<Record<OptionSpec['type'], string>> = {
  integer: 'N',
  number: 'X',
  duration: 'DURATION',
  rate: 'RATE',
  distribution: 'DISTRIBUTION',
  string: 'TEXT',
};

interface HelpRow {
  readonly left: string;
  readonly text: string;
}

/** Builds `--help`: usage and the common options, plus the scenario's own when one is given. */
export function renderHelp(scenario?: Scenario): string {
  const defaults = scenario?.defaults;
  const overrides: Record<string, string | undefined> = {
    interval: defaults?.interval,
    duration: defaults?.duration,
    latency: defaults?.latency,
    consumers: defaults?.consumers?.toString(),
    strategies: defaults?.strategies?.join(','),
  };

  const common = COMMON_OPTIONS.map((option) => ({
    left: option.value === undefined ? option.flag : `${option.flag} ${option.value}`,
    text: withDefault(option.description, overrides[option.key] ?? option.default),
  }));

  const knobs = (group: Knob['group']) =>
    KNOBS.filter((knob) => knob.group === group).map((knob) => ({
      left: `${knob.flag} ${knob.value}`,
      text: withDefault(knob.description, knobDefault(knob, defaults)),
    }));

  const sections = [
    USAGE,
    section('Options:', common),
    section('Strategy options:', knobs('strategy')),
    section('Faults (all seeded by --seed; times count from the window start):', knobs('fault')),
  ];
  if (scenario !== undefined) sections.push(scenarioSection(scenario), sweepSection(scenario));
  return `${sections.join('\n\n')}\n`;
}

function scenarioSection(scenario: Scenario): string {
  const rows = Object.entries(scenario.options ?? {}).map(([key, spec]) => ({
    left: `${flagOf(key)} ${spec.type === 'string' ? (spec.placeholder ?? 'TEXT') : PLACEHOLDERS[spec.type]}`,
    text: withDefault(
      spec.required === true ? `${spec.description} (required)` : spec.description,
      spec.default === undefined ? undefined : String(spec.default),
    ),
  }));

  const title = `Options of ${scenario.name} (${scenario.summary}):`;
  return rows.length === 0 ? `${title}\n  none` : section(title, rows);
}

/** Lists the names that `--sweep` takes for `scenario`, wrapped like the option texts. */
function sweepSection(scenario: Scenario): string {
  const names = sweepParams(scenario).map((param) => param.name);
  return `Names --sweep takes for ${scenario.name}:\n  ${wrap(names.join(', '), 2)}`;
}

function knobDefault(knob: Knob, defaults: Scenario['defaults']): string {
  return defaults?.tuning?.[knob.key] ?? defaults?.faults?.[knob.key] ?? knob.default;
}

function withDefault(text: string, value: string | undefined): string {
  return value === undefined ? text : `${text} [default: ${value}]`;
}

function section(title: string, rows: readonly HelpRow[]): string {
  const width = Math.max(...rows.map((row) => row.left.length)) + 2;
  const lines = rows.map((row) => `  ${row.left.padEnd(width)}${wrap(row.text, 2 + width)}`);
  return `${title}\n${lines.join('\n')}`;
}

/** Wraps `text` that starts at column `indent` so that no line passes 98 columns. */
function wrap(text: string, indent: number): string {
  const width = 98 - indent;
  const lines: string[] = [];
  let line = '';

  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }

  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}
