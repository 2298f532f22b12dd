import { beforeAll, describe, expect, it } from 'vitest';
import type { TheoryCheck } from '../../src/validation/check.ts';
import { findCheck } from '../../src/validation/check.ts';
import { runEmptyPollChecks } from '../../src/validation/empty-poll-checks.ts';
import { expectWithinTolerance, SIMULATION_TIMEOUT_MS } from './expect-check.ts';

/** λT of the three Poisson worlds: mostly empty polls, about a third, and one in twenty. */
const RATE_TIMES_INTERVAL = [0.1, 1, 3];

let checks: TheoryCheck[] = [];

beforeAll(async () => {
  checks = await runEmptyPollChecks();
}, SIMULATION_TIMEOUT_MS);

describe('polling Poisson events', () => {
  it.each(RATE_TIMES_INTERVAL)('empty share at λT = %s', (rateTimesInterval) => {
    const check = findCheck(checks, `poisson/empty-share/${rateTimesInterval}`);

    expect(check.predicted).toBe(Math.exp(-rateTimesInterval));
    expectWithinTolerance(check);
  });

  it.each(RATE_TIMES_INTERVAL)('polls per event at λT = %s', (rateTimesInterval) => {
    const check = findCheck(checks, `poisson/polls-per-event/${rateTimesInterval}`);

    expect(check.predicted).toBe(1 / rateTimesInterval);
    expectWithinTolerance(check);
  });
});
