import { beforeAll, describe, expect, it } from 'vitest';
import type { TheoryCheck } from '../../src/validation/check.ts';
import { findCheck } from '../../src/validation/check.ts';
import {
  ONE_WAY_LATENCY_MS,
  runFixedIntervalChecks,
} from '../../src/validation/fixed-interval-checks.ts';
import { INTERVAL_MS } from '../../src/validation/run-strategy.ts';
import { expectWithinTolerance, SIMULATION_TIMEOUT_MS } from './expect-check.ts';

/** The rounding margin above a max delay stays below this many ms: far under any real delay. */
const MAX_ROUNDING_MS = 0.01;

let checks: TheoryCheck[] = [];

beforeAll(async () => {
  checks = await runFixedIntervalChecks();
}, SIMULATION_TIMEOUT_MS);

describe('fixed-interval polling delay', () => {
  it('averages T/2 without latency', () => {
    const check = findCheck(checks, 'fixed-interval/mean-delay/no-latency');

    expect(check.predicted).toBe(INTERVAL_MS / 2);
    expectWithinTolerance(check);
  });

  it('peaks just under T', () => {
    const check = findCheck(checks, 'fixed-interval/max-delay/no-latency');

    expect(check.predicted).toBe(INTERVAL_MS);
    expect(check.tolerance.above).toBeLessThan(MAX_ROUNDING_MS);
    expectWithinTolerance(check);
  });

  // A poll sent at t collects the events up to t + d and returns at t + 2d, so each delay gains d.
  it('averages T/2 + d with latency', () => {
    const check = findCheck(checks, 'fixed-interval/mean-delay/constant-latency');

    expect(check.predicted).toBe(INTERVAL_MS / 2 + ONE_WAY_LATENCY_MS);
    expectWithinTolerance(check);
  });

  it('peaks just under T + d', () => {
    const check = findCheck(checks, 'fixed-interval/max-delay/constant-latency');

    expect(check.predicted).toBe(INTERVAL_MS + ONE_WAY_LATENCY_MS);
    expect(check.tolerance.above).toBeLessThan(MAX_ROUNDING_MS);
    expectWithinTolerance(check);
  });
});
