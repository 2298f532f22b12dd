import type { StrategyResult } from '../../src/metrics/result.ts';
import type { RunReport } from '../../src/runtime/run.ts';

/** Poll made 100 calls of which 90 found nothing, with mean latency 1.5 min. */
export const POLL_RESULT: StrategyResult = {
  strategy: 'poll',
  requests: 100,
  wastedRequests: 90,
  deliveries: 0,
  failedDeliveries: 0,
  retries: 0,
  resets: 0,
  bytes: 36_000,
  peakPerSecond: 1,
  peakPer100ms: 1,
  peakToMean: 108,
  latencyMs: { mean: 90_000, p50: 84_000, p95: 170_000, p99: 178_000, max: 179_000 },
  events: {
    total: 10,
    notified: 10,
    missed: 0,
    lost: 0,
    duplicates: 0,
    duplicatesDropped: 0,
    outOfOrder: 0,
  },
};

/** Webhook made no calls and sent 10 deliveries, each 50 ms after its event. */
export const WEBHOOK_RESULT: StrategyResult = {
  strategy: 'webhook',
  requests: 0,
  wastedRequests: 0,
  deliveries: 10,
  failedDeliveries: 0,
  retries: 0,
  resets: 0,
  bytes: 5_000,
  peakPerSecond: 0,
  peakPer100ms: 0,
  peakToMean: 0,
  latencyMs: { mean: 50, p50: 50, p95: 50, p99: 50, max: 50 },
  events: {
    total: 10,
    notified: 10,
    missed: 0,
    lost: 0,
    duplicates: 0,
    duplicatesDropped: 0,
    outOfOrder: 0,
  },
};

export function sampleReport(results: readonly StrategyResult[]): RunReport {
  return {
    scenario: 'sample',
    mode: 'sim',
    seed: 4,
    options: { interval: '3m', latency: '50ms' },
    world: {
      consumers: 2,
      events: 5,
      windowStart: '2026-01-01T00:00:00.000Z',
      windowEnd: '2026-01-01T01:00:00.000Z',
    },
    results,
  };
}
