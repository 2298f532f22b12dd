/**
 * The public API of poll-vs-push: define scenarios, run them, and read their results.
 */

export type { Distribution } from './engine/distributions.ts';
export { sample } from './engine/distributions.ts';
export type { Random } from './engine/random.ts';
export type { ErrorCode } from './errors.ts';
export { PollVsPushError } from './errors.ts';
export type { LatencySummary } from './metrics/latency.ts';
export type { EventCounts, StrategyResult } from './metrics/result.ts';
export type { EventInput, ProducerEvent } from './model/event-log.ts';
export type {
  BuildContext,
  DistributionOption,
  DurationOption,
  IntegerOption,
  NumberOption,
  OptionSpec,
  OptionSpecs,
  OptionValues,
  RateOption,
  Scenario,
  ScenarioDefaults,
  ScenarioDefinition,
  ScenarioPlan,
  StringOption,
} from './model/scenario.ts';
export { defineScenario } from './model/scenario.ts';
export type { ConsumerSpec } from './model/world.ts';
export type { RunReport, WorldSummary } from './runtime/run.ts';
export { runScenario } from './runtime/run.ts';
export { checkConsumerCount, checkEventCount } from './runtime/run-size.ts';
export type { RunInput } from './runtime/settings.ts';
