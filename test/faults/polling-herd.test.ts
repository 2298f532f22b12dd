import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { Alignment } from '../../src/strategies/effects.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';

const POLLERS = 300;
const INTERVAL = 300 * SECOND;
const HOURS = 2;

/** 300 pollers every 300 s for two hours, with no events at all. */
function runHerd(align: Alignment) {
  const world = buildTestWorld([], {
    consumers: Array.from({ length: POLLERS }, () => ({})),
    start: 3_600_000 * 24 * 10,
    end: 3_600_000 * (24 * 10 + HOURS),
  });
  return runStrategy('poll', world, { interval: constant(INTERVAL), align, latency: constant(0) });
}

describe('pollers aligned to the clock', () => {
  const result = runHerd('epoch');

  it('spike 300 requests every 5 minutes', () => {
    expect(result.peakPerSecond).toBe(POLLERS);
    expect(result.peakPer100ms).toBe(POLLERS);
  });

  it('have a peak 300 times the mean', () => {
    // The mean is 300 requests per 300 s: 1 a second, plus the last round at the window's end.
    const mean = result.requests / (HOURS * 3_600);
    expect(result.peakToMean).toBeCloseTo(POLLERS / mean, 6);
  });
});

describe('pollers at random phases', () => {
  const result = runHerd('random');

  it('average 1 request a second', () => {
    expect(result.requests / (HOURS * 3_600)).toBeCloseTo(1, 1);
  });

  it('peak at a few a second', () => {
    // Arrivals are close to Poisson with mean 1 a second; 8 in one second is most unlikely.
    expect(result.peakPerSecond).toBeLessThanOrEqual(8);
    expect(result.peakPerSecond).toBeGreaterThanOrEqual(2);
  });
});
