import { BUILT_IN_SCENARIOS } from '../scenarios/index.ts';
import { isPollVsPushError } from '../src/errors.ts';
import type { StrategyResult } from '../src/metrics/result.ts';
import type { OptionSpec, Scenario } from '../src/model/scenario.ts';
import { runScenario } from '../src/runtime/run.ts';
import { STRATEGIES } from '../src/strategies/index.ts';
import type { Figure } from './figures.ts';
import type { TraceFile } from './trace-file.ts';
import { writeTraceFile } from './trace-file.ts';

/** The seed of every scenario run, so that each figure repeats exactly. */
export const SCENARIO_SEED = 1;

/** One strategy's result in one scenario. */
export interface ScenarioRow {
  readonly scenario: string;
  readonly strategy: string;
  readonly result: StrategyResult;
}

/** A scenario that did not run, and why. */
export interface SkippedScenario {
  readonly scenario: string;
  readonly reason: string;
}

/** Every built-in scenario under every strategy, in the simulator, with their figures. */
export interface ScenarioFigures {
  readonly rows: readonly ScenarioRow[];
  readonly skipped: readonly SkippedScenario[];
  /** Scenarios that ran on the generated trace file, because they need `--file`. */
  readonly onTraceFile: readonly string[];
  readonly traceRows: number;
  readonly figures: readonly Figure[];
}

/** The required options of a scenario, filled with the generated trace, or the one missing. */
type Inputs = { readonly options: Record<string, string> } | { readonly missing: string };

/**
 * Runs every built-in scenario, as the registry lists it when this runs, under every strategy
 * in the simulator with its defaults and seed 1. A scenario that requires `--file` runs on a
 * small generated trace (see trace-file.ts). One that fails to load that file, or requires
 * another option with no default, is skipped with the reason.
 */
export async function benchScenarios(): Promise<ScenarioFigures> {
  const trace = await writeTraceFile();
  const rows: ScenarioRow[] = [];
  const skipped: SkippedScenario[] = [];
  const onTraceFile: string[] = [];

  try {
    for (const name of Object.keys(BUILT_IN_SCENARIOS).sort()) {
      const outcome = await runOne(name, trace);
      if ('reason' in outcome) {
        skipped.push({ scenario: name, reason: outcome.reason });
        continue;
      }

      rows.push(...outcome.rows);
      if (outcome.traced) onTraceFile.push(name);
    }
  } finally {
    await trace.remove();
  }

  return { rows, skipped, onTraceFile, traceRows: trace.rows, figures: scenarioFigures(rows) };
}

type Outcome =
  | { readonly rows: readonly ScenarioRow[]; readonly traced: boolean }
  | { readonly reason: string; readonly traced: boolean };

async function runOne(name: string, trace: TraceFile): Promise<Outcome> {
  const load = BUILT_IN_SCENARIOS[name];
  if (load === undefined) throw new Error(`scenario '${name}' is missing from the registry`);
  const scenario = await load();

  const inputs = requiredInputs(scenario, trace.path);
  if ('missing' in inputs) return { reason: `requires ${inputs.missing}`, traced: false };
  const traced = 'file' in inputs.options;

  try {
    const report = await runScenario(scenario, {
      strategies: [...STRATEGIES.keys()].join(','),
      seed: String(SCENARIO_SEED),
      scenarioOptions: inputs.options,
    });
    const rows = report.results.map((result) => ({
      scenario: name,
      strategy: result.strategy,
      result,
    }));
    return { rows, traced };
  } catch (error: unknown) {
    // Only a scenario run on the generated file may reject it: its columns may not fit.
    if (!traced || !isPollVsPushError(error)) throw error;
    return { reason: `rejected the generated trace file: ${error.message}`, traced };
  }
}

/** Fills the required options that have no default: `file` gets the generated trace. */
function requiredInputs(scenario: Scenario, tracePath: string): Inputs {
  const options: Record<string, string> = {};

  for (const [key, spec] of Object.entries(scenario.options ?? {})) {
    if (!isRequired(spec)) continue;
    if (key !== 'file' || spec.type !== 'string') return { missing: `--${toFlag(key)}` };
    options[key] = tracePath;
  }
  return { options };
}

function isRequired(spec: OptionSpec): boolean {
  return spec.required === true && spec.default === undefined;
}

/** Turns an option key such as `timeColumn` into its flag, `time-column`. */
function toFlag(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

const DETERMINISTIC = `deterministic: one simulation with seed ${SCENARIO_SEED}`;

/** Two figures per row: requests, with the other counts in the note, and mean latency. */
function scenarioFigures(rows: readonly ScenarioRow[]): Figure[] {
  return rows.flatMap((row) => {
    const name = `scenario ${row.scenario} / ${row.strategy}`;
    const { result } = row;
    const latency = result.latencyMs;

    return [
      fixedFigure(`${name}: requests`, 'requests', result.requests, describeCounts(result)),
      fixedFigure(
        `${name}: mean latency`,
        'ms',
        latency.mean,
        `simulated time; p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`,
      ),
    ];
  });
}

/** Writes a latency to the µs, which keeps the text exact from run to run and short. */
function ms(value: number): string {
  return `${Math.round(value * 1000) / 1000} ms`;
}

function fixedFigure(name: string, unit: string, value: number, detail: string): Figure {
  return {
    name,
    unit,
    value,
    min: value,
    max: value,
    samples: 1,
    direction: 'smaller',
    note: `${DETERMINISTIC}; ${detail}`,
    deterministic: true,
  };
}

/** Describes the counts of a result, the text that the model check compares besides the value. */
export function describeCounts(result: StrategyResult): string {
  const { events } = result;
  return [
    result.requests === 0
      ? 'wasted 0'
      : `wasted ${result.wastedRequests} (${wastePercent(result)})`,
    `deliveries ${result.deliveries}`,
    `notified ${events.notified} of ${events.total} events`,
    `missed ${events.missed}`,
    `duplicates ${events.duplicates}`,
  ].join(', ');
}

/** Returns the share of requests that found nothing new, as a percentage; 0% with none. */
export function wastePercent(result: StrategyResult): string {
  if (result.requests === 0) return '0%';
  return `${((100 * result.wastedRequests) / result.requests).toFixed(1)}%`;
}
