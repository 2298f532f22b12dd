import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { isPollVsPushError, PollVsPushError } from '../errors.ts';
import { flagOf } from '../model/option-values.ts';
import type { Scenario } from '../model/scenario.ts';
import { renderComparison, renderComparisonJson } from '../report/compare.ts';
import { renderLoad, renderLoadJson } from '../report/load.ts';
import { RUN_REPORTERS } from '../report/reporters.ts';
import { renderTable } from '../report/table.ts';
import { renderTimeline } from '../report/timeline.ts';
import { KNOBS } from '../runtime/knobs.ts';
import { compareModes, runLoad, runScenario } from '../runtime/run.ts';
import type { RunInput } from '../runtime/settings.ts';
import { checkTimelineRequest } from '../runtime/timeline.ts';
import { styleFor } from './colour.ts';
import { COMMON_OPTIONS } from './common-options.ts';
import { readCostOptions, renderPricedRun } from './cost-options.ts';
import { renderHelp } from './help.ts';
import { builtInNames, loadScenario } from './load-scenario.ts';
import { checkCombinations, readFormat } from './output-format.ts';
import { readReportOption, writeRunReport, writeSweepReport } from './report-option.ts';
import { runSweepCommand } from './sweep-command.ts';

/** Output streams of the CLI. Tests pass buffers; the program passes the process streams. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The stream under `stderr` when it is a terminal, for a sweep's progress bar. */
  readonly terminal?: NodeJS.WriteStream;
  /** Whether `stdout` takes colour, as `useColour` decides. Only the table format uses it. */
  readonly colour?: boolean;
}

const BOOLEAN_FLAGS = new Set([
  'json',
  'csv',
  'markdown',
  'help',
  'compare',
  'allowRemote',
  'load',
  'timeline',
]);

/**
 * Runs the command line and returns the exit code: 0 on success, 2 for a usage error, 1 for
 * any other failure. Errors meant for the user are printed as one line, without a stack.
 */
export async function runCli(
  argv: readonly string[],
  output: CliOutput,
  signal?: AbortSignal,
): Promise<number> {
  try {
    await dispatch(argv, output, signal);
    return 0;
  } catch (error: unknown) {
    if (!isPollVsPushError(error)) throw error;
    output.stderr(`poll-vs-push: ${error.message}\n`);
    return error.exitCode;
  }
}

async function dispatch(
  argv: readonly string[],
  output: CliOutput,
  signal: AbortSignal | undefined,
): Promise<void> {
  const name = findScenarioName(argv);

  if (name === undefined) {
    if (argv.includes('--help') || argv.includes('-h')) return output.stdout(renderHelp());
    throw new PollVsPushError(
      'PVP_MISSING_SCENARIO',
      `no scenario given; run 'npm run scenario -- bullpen', or choose from: ${builtInNames().join(', ')}`,
    );
  }

  if (name === 'list') return output.stdout(await renderList());

  const scenario = await loadScenario(name);
  const values = parseOptions(argv, scenario);
  if (values.help === true) return output.stdout(renderHelp(scenario));
  const prices = readCostOptions(values);
  const format = readFormat(values);
  checkCombinations(values, format);
  if (values.timeline === true) {
    const { compare, load } = values;
    const modes = { mode: stringValue(values.mode), sweep: stringValue(values.sweep) };
    checkTimelineRequest({ ...modes, compare: compare === true, load: load === true, format });
  }

  const reportTarget = readReportOption(values);
  const sweep = stringValue(values.sweep);
  const curves = reportTarget !== undefined && sweep === undefined;
  const input = { ...toRunInput(values, scenario), signal, curves };
  if (values.load === true) {
    const load = await runLoad(scenario, input, stringValue(values['load-duration']) ?? '5s');
    output.stdout(values.json === true ? renderLoadJson(load) : renderLoad(load));
    return;
  }
  if (values.compare === true) {
    const reports = await compareModes(scenario, input);
    output.stdout(values.json === true ? renderComparisonJson(reports) : renderComparison(reports));
    return;
  }

  if (sweep !== undefined) {
    const sweepValues = {
      sweep,
      steps: stringValue(values.steps),
      spacing: stringValue(values.spacing),
      threads: stringValue(values.threads),
    };
    const swept = await runSweepCommand(name, scenario, input, sweepValues, format, output, prices);
    if (reportTarget !== undefined) writeSweepReport(reportTarget, swept, argv, prices, output);
    return;
  }

  const full = await runScenario(scenario, input);
  // The curves are for the HTML report; the printed formats stay as they are without it.
  const { curves: _curves, ...report } = full;
  const timeline = format === 'table' ? renderTimeline(report) : '';
  if (prices !== undefined && (format === 'table' || format === 'json')) {
    const style = styleFor(format, output.colour);
    output.stdout(renderPricedRun(report, prices, values.json === true, style) + timeline);
  } else {
    const text =
      format === 'table'
        ? renderTable(report, styleFor(format, output.colour))
        : RUN_REPORTERS[format](report);
    output.stdout(text + timeline);
  }
  if (reportTarget !== undefined) writeRunReport(reportTarget, full, argv, prices, output);
}

const STRING_FLAGS = new Set([
  ...COMMON_OPTIONS.filter((option) => !BOOLEAN_FLAGS.has(option.key)).map((option) => option.flag),
  ...KNOBS.map((knob) => knob.flag),
]);

/** Finds the scenario: the first argument that is neither an option nor a common option's value. */
function findScenarioName(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith('-')) return arg;
    if (STRING_FLAGS.has(arg)) index++;
  }
  return undefined;
}

async function renderList(): Promise<string> {
  const lines = [];
  const width = Math.max(...builtInNames().map((name) => name.length)) + 2;
  for (const name of builtInNames()) {
    const scenario = await loadScenario(name);
    lines.push(`${name.padEnd(width)}${scenario.summary}`);
  }
  return `${lines.join('\n')}\n`;
}

type ParsedValues = Record<string, string | boolean | undefined>;

function parseOptions(argv: readonly string[], scenario: Scenario): ParsedValues {
  const options: NonNullable<ParseArgsConfig['options']> = {};

  for (const option of COMMON_OPTIONS) {
    options[option.flag.slice(2)] = { type: BOOLEAN_FLAGS.has(option.key) ? 'boolean' : 'string' };
  }
  // Set after the common options, whose list includes --help without its short form.
  options.help = { type: 'boolean', short: 'h' };
  for (const knob of KNOBS) options[knob.flag.slice(2)] = { type: 'string' };
  for (const key of Object.keys(scenario.options ?? {})) {
    options[flagOf(key).slice(2)] = { type: 'string' };
  }

  try {
    const parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    if (parsed.positionals.length > 1) throw extraPositional(parsed.positionals[1] as string);
    checkRepeats(parsed.tokens);
    return parsed.values as ParsedValues;
  } catch (error: unknown) {
    throw translateParseError(error, scenario);
  }
}

/**
 * Rejects an option given twice. Node keeps the last value, so `--interval 3m --interval 5m`
 * would run at 5m while the command line reads as if 3m counted too.
 */
function checkRepeats(tokens: readonly { kind: string; name?: string; value?: unknown }[]): void {
  const seen = new Map<string, unknown>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || token.name === 'help') continue;
    if (seen.has(token.name)) {
      const values = [seen.get(token.name), token.value].filter((value) => value !== undefined);
      const shown = values.length === 0 ? '' : ` (${values.join(' and ')})`;
      throw new PollVsPushError(
        'PVP_CONFLICTING_OPTIONS',
        `--${token.name} is given twice${shown}; keep one of them`,
      );
    }
    seen.set(token.name, token.value);
  }
}

function extraPositional(value: string): PollVsPushError {
  return new PollVsPushError(
    'PVP_UNKNOWN_OPTION',
    `unexpected argument '${value}'; give one scenario, and write options as --name value`,
  );
}

/** Turns node's argument errors into catalogue errors that point to the help. */
function translateParseError(error: unknown, scenario: Scenario): unknown {
  if (isPollVsPushError(error) || !(error instanceof Error)) return error;

  const code = (error as { code?: string }).code;
  const help = `run 'npm run scenario -- ${scenario.name} --help' for its options`;
  const flag = /'(-[^']*)'/.exec(error.message)?.[1] ?? 'an option';

  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new PollVsPushError(
      'PVP_UNKNOWN_OPTION',
      `unknown option ${flag} for ${scenario.name}; ${help}`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = flag.split(' ')[0] ?? flag;
    if (isBooleanFlag(name)) {
      return new PollVsPushError(
        'PVP_INVALID_OPTION',
        `${name} takes no value; write ${name} alone, or leave it out to turn it off`,
      );
    }
    return new PollVsPushError(
      'PVP_MISSING_VALUE',
      `${name} needs a value; ${help} (a value that starts with '-' goes after '=', as in ${name}=-5)`,
    );
  }
  return error;
}

function isBooleanFlag(flag: string): boolean {
  if (flag === '--help' || flag === '-h') return true;
  return COMMON_OPTIONS.some((option) => option.flag === flag && BOOLEAN_FLAGS.has(option.key));
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function toRunInput(values: ParsedValues, scenario: Scenario): RunInput {
  const text = (key: string) => {
    const value = values[flagOf(key).slice(2)];
    return typeof value === 'string' ? value : undefined;
  };

  const scenarioOptions: Record<string, string | undefined> = {};
  for (const key of Object.keys(scenario.options ?? {})) scenarioOptions[key] = text(key);

  const knobs: Record<string, string | undefined> = {};
  for (const knob of KNOBS) knobs[knob.key] = text(knob.key);

  return {
    strategies: text('strategies'),
    interval: text('interval'),
    consumers: text('consumers'),
    duration: text('duration'),
    latency: text('latency'),
    seed: text('seed'),
    align: text('align'),
    mode: text('mode'),
    timeScale: text('timeScale'),
    producerPort: text('producerPort'),
    receiverPort: text('receiverPort'),
    allowRemote: values['allow-remote'] === true,
    timeline: values.timeline === true,
    knobs,
    scenarioOptions,
  };
}
