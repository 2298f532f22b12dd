import type { LatencySummary } from './latency.ts';

/** Counts of the events that consumers wanted, summed over consumers. */
export interface EventCounts {
  /** Events of interest: each consumer counts every event whose key it wants. */
  readonly total: number;
  /** Events of interest that reached the consumer's handler at least once. */
  readonly notified: number;
  /** Events of interest that the consumer never learned of by the end of the run. */
  readonly missed: number;
  /** Times an event reached a consumer's handler after the first. */
  readonly duplicates: number;
}

/** One strategy's figures for one run; docs/metrics.md defines each. */
export interface StrategyResult {
  readonly strategy: string;
  readonly requests: number;
  readonly wastedRequests: number;
  readonly deliveries: number;
  readonly latencyMs: LatencySummary;
  readonly events: EventCounts;
}
