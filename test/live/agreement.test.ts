import { beforeAll, describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import { difference } from '../../src/report/compare.ts';
import type { RunReport, StrategyReport } from '../../src/runtime/run.ts';
import { compareModes } from '../../src/runtime/run.ts';

/**
 * Two games over 40 minutes with a constant 50 ms delay and a fixed 3-minute interval, so no
 * random draw depends on the order in which live processes happen to run. With the 1-minute
 * set-up lead that is 41 scenario minutes, which a time scale of 1,200 runs in about 2 real
 * seconds per strategy.
 */
const INPUT = {
  scenarioOptions: { games: '2' },
  duration: '40m',
  interval: '3m',
  latency: '50ms',
  seed: '7',
  timeScale: '1200',
};

const COUNT_FIELDS = ['requests', 'wastedRequests', 'deliveries'] as const;
const LATENCY_FIELDS = ['mean', 'p50', 'p99', 'max'] as const;

/**
 * How far a live latency may fall below the simulated one, in ms. Each live step waits for its
 * scenario time and real delays only add to it, so the tolerance covers rounding alone.
 */
const BELOW_TOLERANCE_MS = 1;

let reports: { sim: RunReport; live: RunReport };

beforeAll(async () => {
  reports = await compareModes(bullpen, INPUT);
}, 60_000);

function resultOf(report: RunReport, strategy: string): StrategyReport {
  const result = report.results.find((candidate) => candidate.strategy === strategy);
  if (result === undefined) throw new Error(`the ${report.mode} run has no ${strategy} result`);
  return result;
}

describe.each(['poll', 'webhook'])('%s in sim and live', (strategy) => {
  const sim = () => resultOf(reports.sim, strategy);
  const live = () => resultOf(reports.live, strategy);

  it('runs to the end', () => {
    expect(live().live?.completed).toBe(true);
  });

  it('has events to learn of', () => {
    expect(sim().events.total).toBeGreaterThan(0);
  });

  it.each(COUNT_FIELDS)('%s are equal', (field) => {
    expect(live()[field]).toBe(sim()[field]);
  });

  it('misses nothing in sim', () => {
    expect(sim().events.missed).toBe(0);
  });

  it('misses nothing live', () => {
    expect(live().events.missed).toBe(0);
  });

  // Live latencies run late by the real delays the run saw: its slowest loopback request, its
  // latest send, the longest wait of a push before its handler and the clock-sync uncertainty,
  // times the time scale. On failure the message shows the figures.
  it.each(LATENCY_FIELDS)('%s latency within bound', (field) => {
    const change = difference(sim(), live());
    const figures =
      `${strategy} ${field}: sim ${sim().latencyMs[field]} ms, ` +
      `live ${live().latencyMs[field]} ms, bound ${change.latencyBoundMs} ms, ` +
      `slack ${JSON.stringify(live().live?.slack)}`;

    expect(change.latencyMs[field], figures).toBeLessThanOrEqual(change.latencyBoundMs);
  });

  it.each(LATENCY_FIELDS)('%s latency not below sim', (field) => {
    const change = difference(sim(), live());
    const figures = `${strategy} ${field}: live - sim = ${change.latencyMs[field]} ms`;

    expect(change.latencyMs[field], figures).toBeGreaterThanOrEqual(-BELOW_TOLERANCE_MS);
  });
});
