import { createStream } from '../engine/random.ts';
import { isPollVsPushError, PollVsPushError } from '../errors.ts';
import type { PollLoadResult } from '../live/poll-load.ts';
import type { StrategyResult } from '../metrics/result.ts';
import { EventLog } from '../model/event-log.ts';
import { readDuration } from '../model/option-values.ts';
import type { BuildContext, OptionValues, Scenario, ScenarioPlan } from '../model/scenario.ts';
import type { World } from '../model/world.ts';
import { findStrategy } from '../strategies/index.ts';
import { checkPlan } from './check-plan.ts';
import { placeFaults } from './knobs.ts';
import type { LiveMeasures } from './live.ts';
import type { RunMode } from './live-settings.ts';
import { readMode, resolveLiveSettings } from './live-settings.ts';
import type { StrategyCurves } from './run-curves.ts';
import { LoadCounter } from './run-curves.ts';
import { checkRunSize } from './run-size.ts';
import type { RunInput, RunSettings } from './settings.ts';
import { resolveSettings } from './settings.ts';
import type { SimulationOptions } from './sim.ts';
import { simulate, simulateDetailed } from './sim.ts';
import type { StrategyTimeline, TimelineEntry } from './timeline.ts';
import { checkTimelineRequest, TimelineCollector } from './timeline.ts';

/** One strategy's figures, with what only a live run measures. */
export interface StrategyReport extends StrategyResult {
  readonly live?: LiveMeasures;
}

/** Everything one run produced: the scenario, how it ran, and one result per strategy. */
export interface RunReport {
  readonly scenario: string;
  readonly mode: RunMode;
  readonly seed: number;
  /** Every setting in effect, as text, so the run can be repeated. */
  readonly options: Readonly<Record<string, string>>;
  readonly world: WorldSummary;
  readonly results: readonly StrategyReport[];
  /** True when a live run was stopped early, as by Ctrl-C; the figures are partial. */
  readonly stopped?: boolean;
  /** Each strategy's messages in time order, when the input asked for a timeline. */
  readonly timeline?: readonly StrategyTimeline[];
  /** The data the HTML report draws for each strategy, when the input set `curves`. */
  readonly curves?: readonly StrategyCurves[];
}

/** The size of the world a run used. */
export interface WorldSummary {
  readonly consumers: number;
  readonly events: number;
  /** When events could start and stop, in ISO 8601. */
  readonly windowStart: string;
  readonly windowEnd: string;
}

/** Runs `scenario` under each strategy of the settings, in the mode the input selects. */
export async function runScenario(scenario: Scenario, input: RunInput = {}): Promise<RunReport> {
  const mode = readMode(input.mode);
  if (input.timeline === true) checkTimelineRequest({ mode });
  if (input.curves === true) checkCurvesRequest(mode);
  const settings = resolveSettings(scenario, input);
  const world = await buildWorld(scenario, settings);

  if (mode === 'sim' && (input.timeline === true || input.curves === true)) {
    const wanted = { timeline: input.timeline === true, curves: input.curves === true };
    return simulateObserved(scenario, settings, world, wanted);
  }
  if (mode === 'sim') return report(scenario, settings, world, 'sim', simulateAll(world, settings));
  return runLiveAll(scenario, input, settings, world);
}

/** Runs `scenario` in both modes with the same settings and seed, simulation first. */
export async function compareModes(
  scenario: Scenario,
  input: RunInput = {},
): Promise<{ sim: RunReport; live: RunReport }> {
  const settings = resolveSettings(scenario, input);
  const world = await buildWorld(scenario, settings);

  const sim = report(scenario, settings, world, 'sim', simulateAll(world, settings));
  const live = await runLiveAll(scenario, input, settings, world);
  return { sim, live };
}

/** The outcome of a load run on a scenario's producer. */
export interface LoadReport {
  readonly scenario: string;
  readonly world: WorldSummary;
  readonly load: PollLoadResult;
}

/**
 * Loads the scenario's producer with polls from autocannon, one connection per consumer (at
 * most 1,000), for `durationText` of real time.
 */
export async function runLoad(
  scenario: Scenario,
  input: RunInput,
  durationText: string,
): Promise<LoadReport> {
  const settings = resolveSettings(scenario, input);
  const durationMs = readDuration('--load-duration', durationText);
  const world = await buildWorld(scenario, settings);

  const { runPollLoad } = await import('../live/poll-load.ts');
  const load = await runPollLoad({
    world,
    connections: Math.min(world.consumers.length, MAX_LOAD_CONNECTIONS),
    durationSeconds: Math.max(1, Math.round(durationMs / 1000)),
    workers: 1,
  });
  return { scenario: scenario.name, world: summarizeWorld(world), load };
}

/** More connections than this would measure the load generator more than the producer. */
const MAX_LOAD_CONNECTIONS = 1_000;

function simulateAll(world: World, settings: RunSettings): StrategyReport[] {
  return settings.strategies.map((name) => simulate(world, strategyOptions(name, settings, world)));
}

/**
 * Simulates each strategy with an observer and reports, beside its figures, its timeline, its
 * curves, or both, as `wanted` selects.
 */
function simulateObserved(
  scenario: Scenario,
  settings: RunSettings,
  world: World,
  wanted: { readonly timeline: boolean; readonly curves: boolean },
): RunReport {
  const runs = settings.strategies.map((name) => {
    const everyone = wanted.timeline ? new TimelineCollector(world, name) : undefined;
    const first = wanted.curves ? new TimelineCollector(world, name, 0) : undefined;
    const load = wanted.curves ? new LoadCounter(world) : undefined;
    const observe = (entry: TimelineEntry) => {
      everyone?.observe(entry);
      first?.observe(entry);
      load?.observe(entry);
    };

    const run = simulateDetailed(world, { ...strategyOptions(name, settings, world), observe });
    const curves: StrategyCurves | undefined =
      first === undefined || load === undefined
        ? undefined
        : {
            strategy: name,
            latencyCdf: run.latencyCdf,
            load: load.finish(),
            conversation: first.finish(),
          };
    return { result: run.result, timeline: everyone?.finish(), curves };
  });

  const base = report(
    scenario,
    settings,
    world,
    'sim',
    runs.map((run) => run.result),
  );
  return {
    ...base,
    ...(wanted.timeline ? { timeline: runs.map((run) => run.timeline!) } : {}),
    ...(wanted.curves ? { curves: runs.map((run) => run.curves!) } : {}),
  };
}

/** Curves come from the simulator's observer, which a live run does not have. */
function checkCurvesRequest(mode: RunMode): void {
  if (mode === 'sim') return;
  throw new PollVsPushError(
    'PVP_CONFLICTING_OPTIONS',
    '--report draws a simulated run and does not go with --mode live; drop one of them',
  );
}

/** Runs each strategy live in turn; a stop skips the strategies that had not started. */
async function runLiveAll(
  scenario: Scenario,
  input: RunInput,
  settings: RunSettings,
  world: World,
): Promise<RunReport> {
  // Live mode loads fastify, undici and their dependencies, which a simulation never needs.
  const { runLive } = await import('./live.ts');
  const live = resolveLiveSettings(input, settings, world);
  const results: StrategyReport[] = [];
  let stopped = false;

  for (const name of settings.strategies) {
    if (input.signal?.aborted === true) {
      stopped = true;
      break;
    }

    const outcome = await runLive(world, {
      ...strategyOptions(name, settings, world),
      ...live,
      signal: input.signal,
    });
    results.push({ ...outcome.result, live: outcome.live });
    if (!outcome.live.completed) {
      stopped = true;
      break;
    }
  }

  const text = { ...settings.text, mode: 'live', timeScale: String(live.timeScale) };
  return { ...report(scenario, { ...settings, text }, world, 'live', results), stopped };
}

function strategyOptions(name: string, settings: RunSettings, world: World): SimulationOptions {
  return {
    strategy: findStrategy(name)!,
    interval: settings.interval,
    align: settings.align,
    latency: settings.latency,
    seed: settings.seed,
    tuning: settings.knobs.tuning,
    faults: placeFaults(settings.knobs.faults, world.windowStart),
  };
}

function report(
  scenario: Scenario,
  settings: RunSettings,
  world: World,
  mode: RunMode,
  results: StrategyReport[],
): RunReport {
  return {
    scenario: scenario.name,
    mode,
    seed: settings.seed,
    options: settings.text,
    world: summarizeWorld(world),
    results,
  };
}

/** Builds the scenario's plan from the settings and turns it into a world ready to run. */
export async function buildWorld(scenario: Scenario, settings: RunSettings): Promise<World> {
  const context: BuildContext<Record<string, never>> = {
    options: settings.scenarioOptions as OptionValues<Record<string, never>>,
    duration: settings.duration,
    consumers: settings.consumers,
    seed: settings.seed,
    random: createStream(settings.seed, `scenario/${scenario.name}`),
  };

  const plan = await buildPlan(scenario, context);
  checkPlan(scenario.name, plan);

  const log = new EventLog(plan.events);
  const lastEvent = log.events.at(-1)?.time ?? plan.start;
  const defaultEnd = settings.duration === undefined ? lastEvent : plan.start + settings.duration;

  const world: World = {
    log,
    consumers: plan.consumers,
    windowStart: plan.start,
    windowEnd: Math.max(plan.end ?? defaultEnd, plan.start),
  };
  checkRunSize(world, settings);
  return world;
}

/** Runs the scenario's `build`, turning an error it raises into one that names the scenario. */
async function buildPlan(
  scenario: Scenario,
  context: BuildContext<Record<string, never>>,
): Promise<ScenarioPlan> {
  try {
    return await scenario.build(context);
  } catch (error: unknown) {
    if (isPollVsPushError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PollVsPushError(
      'PVP_INVALID_SCENARIO',
      `scenario '${scenario.name}' failed while building its events: ${reason}; fix its build function`,
    );
  }
}

function summarizeWorld(world: World): WorldSummary {
  return {
    consumers: world.consumers.length,
    events: world.log.size,
    windowStart: new Date(world.windowStart).toISOString(),
    windowEnd: new Date(world.windowEnd).toISOString(),
  };
}
