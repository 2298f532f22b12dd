import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import {
  MAX_TAIL_PROBABILITY,
  maxDelayShortfall,
  meanDelayStandardError,
  rawMoments,
} from '../../src/validation/standard-errors.ts';

const T = 60_000;
const EVENTS = 100_000;

describe('rawMoments', () => {
  it('gives uniform(0, 2T) moments', () => {
    const moments = rawMoments({ kind: 'uniform', min: 0, max: 2 * T });

    expect(moments.m3).toBeCloseTo(2 * T ** 3, -3);
    expect(moments.m4).toBeCloseTo((16 / 5) * T ** 4, -3);
  });

  it('gives exp(T) moments', () => {
    const moments = rawMoments({ kind: 'exponential', mean: T });

    expect(moments.m3).toBe(6 * T ** 3);
    expect(moments.m4).toBe(24 * T ** 4);
  });

  it('rejects a truncated distribution', () => {
    const truncated = { kind: 'exponential', mean: T, range: { min: 0, max: T } } as const;

    expect(() => rawMoments(truncated)).toThrow(/without a range/);
  });
});

describe('meanDelayStandardError', () => {
  // Delays under a constant interval are independent uniform(0, T) draws.
  it('matches uniform draws for constant T', () => {
    const error = meanDelayStandardError(rawMoments(constant(T)), 1 / T, EVENTS);

    expect(error).toBeCloseTo(T / Math.sqrt(12 * EVENTS), 9);
  });

  // With λT = 1, E[Z²] = λT³ + 2λ²T⁴ = 3λT³, so the variance is 3T² / n.
  it('matches the exponential closed form', () => {
    const error = meanDelayStandardError(
      rawMoments({ kind: 'exponential', mean: T }),
      1 / T,
      EVENTS,
    );

    expect(error).toBeCloseTo(T * Math.sqrt(3 / EVENTS), 9);
  });
});

describe('maxDelayShortfall', () => {
  // The bound (1 − δ)^n ≤ e^(−nδ) is tight for small δ, so the chance sits just under the target.
  it('keeps the tail chance under target', () => {
    const shortfall = maxDelayShortfall(T, EVENTS);
    const chance = (1 - shortfall / T) ** EVENTS;

    expect(chance).toBeLessThanOrEqual(MAX_TAIL_PROBABILITY);
    expect(chance).toBeGreaterThan(0.99 * MAX_TAIL_PROBABILITY);
  });
});
