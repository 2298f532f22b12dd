import { beforeAll, describe, expect, it } from 'vitest';
import type { TheoryCheck } from '../../src/validation/check.ts';
import { findCheck } from '../../src/validation/check.ts';
import { runRandomIntervalChecks } from '../../src/validation/random-interval-checks.ts';
import { INTERVAL_MS } from '../../src/validation/run-strategy.ts';
import { expectWithinTolerance, SIMULATION_TIMEOUT_MS } from './expect-check.ts';

let checks: TheoryCheck[] = [];

beforeAll(async () => {
  checks = await runRandomIntervalChecks();
}, SIMULATION_TIMEOUT_MS);

// Both intervals have mean T, yet the delay is not T/2: an event more often lands in a long
// interval, so the mean delay is E[X²] / (2 E[X]).
describe('random-interval polling delay', () => {
  it('averages 2T/3 for uniform(0, 2T)', () => {
    const check = findCheck(checks, 'random-interval/mean-delay/uniform');

    expect(check.predicted).toBeCloseTo((2 * INTERVAL_MS) / 3, 6);
    expectWithinTolerance(check);
  });

  it('averages T for exp(T)', () => {
    const check = findCheck(checks, 'random-interval/mean-delay/exponential');

    expect(check.predicted).toBe(INTERVAL_MS);
    expectWithinTolerance(check);
  });
});
