import type { LatencySummary } from './latency.ts';

/** Counts of the events that consumers wanted, summed over consumers. */
export interface EventCounts {
  /** Events of interest: each consumer counts every event whose key it wants. */
  readonly total: number;
  /** Events of interest that reached the consumer's handler at least once. */
  readonly notified: number;
  /** Events of interest that the consumer never learned of by the end of the run. */
  readonly missed: number;
  /** The same count as `missed`, under the name the fault reports use: events lost for good. */
  readonly lost: number;
  /** Times an event reached a consumer's side effect after the first. */
  readonly duplicates: number;
  /** Copies of an event that the consumer recognised by its id and dropped. */
  readonly duplicatesDropped: number;
  /** Events applied after a newer event with the same key. */
  readonly outOfOrder: number;
}

/** One strategy's figures for one run; docs/metrics.md defines each. */
export interface StrategyResult {
  readonly strategy: string;
  readonly requests: number;
  readonly wastedRequests: number;
  readonly deliveries: number;
  /** Delivery attempts that got no 2xx in time. */
  readonly failedDeliveries: number;
  /** Delivery attempts after the first for the same push. */
  readonly retries: number;
  /** Connections that a proxy, an outage or a stream drop cut. */
  readonly resets: number;
  /** Bytes on the wire both ways, headers included; modelled in sim, counted in live. */
  readonly bytes: number;
  /** Most requests reaching the producer in any one second. */
  readonly peakPerSecond: number;
  /** Most requests reaching the producer in any 100 ms. */
  readonly peakPer100ms: number;
  /** `peakPerSecond` over the mean requests per second across the window; 0 with no requests. */
  readonly peakToMean: number;
  readonly latencyMs: LatencySummary;
  readonly events: EventCounts;
}
