import { beforeAll, describe, expect, it } from 'vitest';
import type { TheoryCheck } from '../../src/validation/check.ts';
import { findCheck } from '../../src/validation/check.ts';
import { INTERVAL_MS } from '../../src/validation/run-strategy.ts';
import {
  ATTEMPTS,
  FAILURE_RATE,
  HOLD_MS,
  JITTER,
  runStrategyChecks,
} from '../../src/validation/strategy-checks.ts';
import { expectWithinTolerance, SIMULATION_TIMEOUT_MS } from './expect-check.ts';

let checks: TheoryCheck[] = [];

beforeAll(async () => {
  checks = await runStrategyChecks();
}, SIMULATION_TIMEOUT_MS);

describe('poll-jitter delay', () => {
  it('averages T/2 (1 + j²/3)', () => {
    const check = findCheck(checks, 'poll-jitter/mean-delay');

    expect(check.predicted).toBeCloseTo((INTERVAL_MS / 2) * (1 + JITTER ** 2 / 3), 6);
    expectWithinTolerance(check);
  });
});

describe('long-poll requests', () => {
  it('come at λ / (1 − e^(−λτ))', () => {
    const check = findCheck(checks, 'long-poll/requests-per-minute');
    const rate = 1 / INTERVAL_MS;

    expect(check.predicted).toBeCloseTo(60_000 * (rate / (1 - Math.exp(-rate * HOLD_MS))), 9);
    expectWithinTolerance(check);
  });

  it('deliver with no delay', () => {
    expectWithinTolerance(findCheck(checks, 'long-poll/max-delay'));
  });
});

describe('webhook retries', () => {
  it('lose a share pⁿ', () => {
    const check = findCheck(checks, 'webhook-retries/lost-share');

    expect(check.predicted).toBeCloseTo(FAILURE_RATE ** ATTEMPTS, 12);
    expectWithinTolerance(check);
  });

  it('make (1 − pⁿ) / (1 − p) attempts', () => {
    const check = findCheck(checks, 'webhook-retries/attempts-per-event');

    expect(check.predicted).toBeCloseTo((1 - FAILURE_RATE ** ATTEMPTS) / (1 - FAILURE_RATE), 12);
    expectWithinTolerance(check);
  });
});
