import type { StrategyResult } from '../../src/metrics/result.ts';
import type { SweepReport, SweepSummary } from '../../src/runtime/sweep.ts';
import { POLL_RESULT, WEBHOOK_RESULT } from './sample-report.ts';

const INTERVAL_SWEEP: SweepSummary = {
  name: 'interval',
  flag: '--interval',
  kind: 'duration',
  unit: 'ms',
  from: '1m',
  to: '10m',
  steps: 2,
  spacing: 'linear',
};

const WORLD = {
  consumers: 2,
  events: 5,
  windowStart: '2026-01-01T00:00:00.000Z',
  windowEnd: '2026-01-01T01:00:00.000Z',
};

/**
 * Builds a sweep of the interval over two points, 1m and 10m, each with poll and webhook. The
 * 10m point's poll made 10 calls, of which 2 found nothing.
 */
export function sampleSweep(sweep: SweepSummary = INTERVAL_SWEEP): SweepReport {
  const slowPoll: StrategyResult = { ...POLL_RESULT, requests: 10, wastedRequests: 2 };
  return {
    scenario: 'sample',
    mode: 'sim',
    seed: 4,
    sweep,
    options: { latency: '50ms' },
    points: [
      {
        value: '1m',
        amount: 60_000,
        options: { interval: '1m', latency: '50ms' },
        world: WORLD,
        results: [POLL_RESULT, WEBHOOK_RESULT],
      },
      {
        value: '10m',
        amount: 600_000,
        options: { interval: '10m', latency: '50ms' },
        world: WORLD,
        results: [slowPoll, WEBHOOK_RESULT],
      },
    ],
  };
}

/** Builds a sweep of the consumer count, a plain number with no unit. */
export function sampleCountSweep(): SweepReport {
  const report = sampleSweep({
    name: 'consumers',
    flag: '--consumers',
    kind: 'integer',
    from: '1',
    to: '10',
    steps: 2,
    spacing: 'linear',
  });
  const [first, second] = report.points;
  return {
    ...report,
    options: { interval: '3m', latency: '50ms' },
    points: [
      { ...first!, value: '1', amount: 1 },
      { ...second!, value: '10', amount: 10 },
    ],
  };
}
