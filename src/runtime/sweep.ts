import { availableParallelism } from 'node:os';
import { PollVsPushError } from '../errors.ts';
import type { Scenario } from '../model/scenario.ts';
import type { RunReport, StrategyReport, WorldSummary } from './run.ts';
import type { RunInput } from './settings.ts';
import { resolveSettings } from './settings.ts';
import type { SweepKind } from './sweep-params.ts';
import type { Spacing, SweepPlan, SweepPoint } from './sweep-points.ts';
import { runTasks } from './sweep-pool.ts';
import type { SweepTask, SweepTaskOutcome } from './sweep-worker.ts';

/** The unit of `SweepPointReport.amount` for each kind of setting; counts have none. */
const AMOUNT_UNITS: Readonly<Record<SweepKind, string | undefined>> = {
  duration: 'ms',
  rate: 'per second',
  integer: undefined,
  number: undefined,
};

/** The setting a sweep varied, over which range, with which spacing. */
export interface SweepSummary {
  /** The name as `--sweep` took it, such as `interval`. */
  readonly name: string;
  readonly flag: string;
  readonly kind: SweepKind;
  /** The unit of each point's `amount`, absent for plain numbers. */
  readonly unit?: string;
  readonly from: string;
  readonly to: string;
  readonly steps: number;
  readonly spacing: Spacing;
}

/** One point of a sweep: the value it ran and the plain run's figures, a result per strategy. */
export interface SweepPointReport {
  /** The value as the option takes it, such as `1.94m`. */
  readonly value: string;
  /** The value as a number in `SweepSummary.unit`. */
  readonly amount: number;
  /** Every setting of this point's run, as text, so the point can be rerun alone. */
  readonly options: Readonly<Record<string, string>>;
  readonly world: WorldSummary;
  readonly results: readonly StrategyReport[];
}

/** Everything a sweep produced: the settings it shares, what it varied, and each point. */
export interface SweepReport {
  readonly scenario: string;
  readonly mode: 'sim';
  readonly seed: number;
  readonly sweep: SweepSummary;
  /** The settings every point shares, as text; the swept one is left out. */
  readonly options: Readonly<Record<string, string>>;
  readonly points: readonly SweepPointReport[];
}

export interface SweepOptions {
  /**
   * Worker threads that run the points, each point in one thread; 0 runs them one after
   * another in this thread. The default is `defaultThreads`.
   */
  readonly threads?: number;
  /** Called each time a point has finished, with the count finished so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs `scenario` once for each point of `plan`, with `input` for every other setting and the
 * same seed, so that each point gives the figures of a plain run with the same settings.
 * `scenarioRef` is what loads the scenario in a worker thread: its built-in name or its path.
 */
export async function runSweep(
  scenarioRef: string,
  scenario: Scenario,
  input: RunInput,
  plan: SweepPlan,
  options: SweepOptions = {},
): Promise<SweepReport> {
  checkInput(input, plan);
  const tasks = plan.points.map((point) => ({
    scenario: scenarioRef,
    input: plan.param.apply(withoutSignal(input), point.text),
  }));
  for (const [index, task] of tasks.entries()) checkPoint(scenario, task, plan, index);

  const reports = await runTasks(tasks, {
    threads: Math.min(options.threads ?? defaultThreads(tasks.length), tasks.length),
    settle: (outcome, index) => unwrap(outcome, plan, index),
    onProgress: options.onProgress,
  });

  return summarize(plan, reports);
}

/**
 * Picks one worker thread per core, at most one per point. A single core gains nothing from a
 * worker, which only adds the second or so it takes to load the simulator, so there the points
 * run in this thread.
 */
export function defaultThreads(points: number): number {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, points);
}

/** Checks that the sweep runs a simulation and varies a setting that the input leaves open. */
function checkInput(input: RunInput, plan: SweepPlan): void {
  if (input.mode !== undefined && input.mode !== 'sim') {
    throw new PollVsPushError(
      'PVP_CONFLICTING_OPTIONS',
      `--sweep runs simulations only, but --mode is '${input.mode}'; drop --mode or --sweep`,
    );
  }

  const explicit = plan.param.read(input);
  if (explicit !== undefined) {
    throw new PollVsPushError(
      'PVP_CONFLICTING_OPTIONS',
      `${plan.param.flag} ${explicit} and --sweep ${plan.param.name}=... both set ` +
        `${plan.param.flag}; drop one of them`,
    );
  }
}

function withoutSignal(input: RunInput): Omit<RunInput, 'signal'> {
  const { signal: _signal, ...rest } = input;
  return rest;
}

/**
 * Checks each point's settings before any run starts, so that a value out of range, such as a
 * loss above 1, fails at once and names its point.
 */
function checkPoint(scenario: Scenario, task: SweepTask, plan: SweepPlan, index: number): void {
  try {
    resolveSettings(scenario, task.input);
  } catch (error: unknown) {
    if (!(error instanceof PollVsPushError)) throw error;
    throw pointError(plan, index, error.code, error.message);
  }
}

function pointError(
  plan: SweepPlan,
  index: number,
  code: PollVsPushError['code'],
  message: string,
): PollVsPushError {
  const point = plan.points[index] as SweepPoint;
  return new PollVsPushError(
    code,
    `at the sweep point ${plan.param.name}=${point.text}: ${message}`,
  );
}

function unwrap(outcome: SweepTaskOutcome, plan: SweepPlan, index: number): RunReport {
  if (outcome.ok) return outcome.report;
  throw pointError(plan, index, outcome.code, outcome.message);
}

function summarize(plan: SweepPlan, reports: readonly RunReport[]): SweepReport {
  const first = reports[0] as RunReport;
  const { [plan.param.key]: _swept, ...shared } = first.options;
  const unit = AMOUNT_UNITS[plan.param.kind];

  return {
    scenario: first.scenario,
    mode: 'sim',
    seed: first.seed,
    sweep: {
      name: plan.param.name,
      flag: plan.param.flag,
      kind: plan.param.kind,
      ...(unit === undefined ? {} : { unit }),
      from: plan.from,
      to: plan.to,
      steps: plan.steps,
      spacing: plan.spacing,
    },
    options: shared,
    points: reports.map((report, index) => ({
      value: (plan.points[index] as SweepPoint).text,
      amount: (plan.points[index] as SweepPoint).amount,
      options: report.options,
      world: report.world,
      results: report.results,
    })),
  };
}
