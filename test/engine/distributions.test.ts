import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/engine/distributions.ts';
import {
  constant,
  lognormalParameters,
  moments,
  sample,
  upperBound,
} from '../../src/engine/distributions.ts';
import { createStream } from '../../src/engine/random.ts';

const DRAWS = 200_000;

/** How many standard errors a sample statistic may stray. The seeds are fixed, so runs repeat. */
const STANDARD_ERRORS = 5;

/** Returns E[X^k] for k = 1..4 of an untruncated distribution, by the textbook formulas. */
function rawMoments(distribution: Distribution): [number, number, number, number] {
  const powers = [1, 2, 3, 4] as const;

  switch (distribution.kind) {
    case 'constant':
      return powers.map((k) => distribution.value ** k) as [number, number, number, number];
    case 'uniform': {
      const { min: a, max: b } = distribution;
      const moment = (k: number) => (b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a));
      return powers.map(moment) as [number, number, number, number];
    }
    case 'exponential': {
      const m = distribution.mean;
      return [m, 2 * m ** 2, 6 * m ** 3, 24 * m ** 4];
    }
    case 'normal': {
      const { mean: mu, sd: s } = distribution;
      return [
        mu,
        mu ** 2 + s ** 2,
        mu ** 3 + 3 * mu * s ** 2,
        mu ** 4 + 6 * mu ** 2 * s ** 2 + 3 * s ** 4,
      ];
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(distribution.mean, distribution.sd);
      const moment = (k: number) => Math.exp(k * mu + (k * k * sigma * sigma) / 2);
      return powers.map(moment) as [number, number, number, number];
    }
  }
}

/** Computes the variance and the fourth central moment from the raw moments. */
function centralMoments(distribution: Distribution): { variance: number; fourth: number } {
  const [m1, m2, m3, m4] = rawMoments(distribution);
  return {
    variance: m2 - m1 ** 2,
    fourth: m4 - 4 * m1 * m3 + 6 * m1 ** 2 * m2 - 3 * m1 ** 4,
  };
}

function sampleMany(distribution: Distribution, label: string): Float64Array {
  const random = createStream(11, label);
  return Float64Array.from({ length: DRAWS }, () => sample(distribution, random));
}

function meanOf(values: Float64Array): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function varianceOf(values: Float64Array): number {
  const mean = meanOf(values);
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
}

const CASES: readonly { name: string; distribution: Distribution }[] = [
  { name: 'uniform', distribution: { kind: 'uniform', min: 10, max: 30 } },
  { name: 'exponential', distribution: { kind: 'exponential', mean: 20 } },
  { name: 'normal', distribution: { kind: 'normal', mean: 600, sd: 60 } },
  { name: 'lognormal', distribution: { kind: 'lognormal', mean: 50, sd: 20 } },
];

describe('sample moments', () => {
  for (const { name, distribution } of CASES) {
    const values = sampleMany(distribution, name);
    const [expectedMean] = rawMoments(distribution);
    const { variance, fourth } = centralMoments(distribution);

    it(`${name} mean matches`, () => {
      const standardError = Math.sqrt(variance / DRAWS);

      expect(Math.abs(meanOf(values) - expectedMean)).toBeLessThan(STANDARD_ERRORS * standardError);
    });

    it(`${name} variance matches`, () => {
      // The sample variance has variance (mu4 - sigma^4) / n for large n.
      const standardError = Math.sqrt((fourth - variance ** 2) / DRAWS);

      expect(Math.abs(varianceOf(values) - variance)).toBeLessThan(STANDARD_ERRORS * standardError);
    });
  }

  it('constant always draws its value', () => {
    const values = sampleMany(constant(20), 'constant');

    expect(values.every((value) => value === 20)).toBe(true);
  });
});

describe('lognormal parameters', () => {
  it('takes the real-space mean', () => {
    const { mu, sigma } = lognormalParameters(50, 20);

    expect(Math.exp(mu + sigma ** 2 / 2)).toBeCloseTo(50, 9);
  });

  it('takes the real-space sd', () => {
    const { mu, sigma } = lognormalParameters(50, 20);
    const variance = (Math.exp(sigma ** 2) - 1) * Math.exp(2 * mu + sigma ** 2);

    expect(Math.sqrt(variance)).toBeCloseTo(20, 9);
  });
});

describe('truncation', () => {
  it('keeps draws inside the range', () => {
    const warmup: Distribution = {
      kind: 'normal',
      mean: 600_000,
      sd: 60_000,
      range: { min: 480_000, max: 720_000 },
    };
    const values = sampleMany(warmup, 'truncated');

    expect(values.every((value) => value >= 480_000 && value <= 720_000)).toBe(true);
  });

  it('clamps a nearly empty range', () => {
    // The range sits 100 standard deviations out, so every redraw misses and the last is clamped.
    const far: Distribution = { kind: 'normal', mean: 0, sd: 1, range: { min: 100, max: 101 } };

    expect(sample(far, createStream(1, 'far'))).toBe(100);
  });

  it('keeps exponential draws in range', () => {
    const capped: Distribution = { kind: 'exponential', mean: 10, range: { min: 5, max: 15 } };
    const values = sampleMany(capped, 'capped');

    expect(values.every((value) => value >= 5 && value <= 15)).toBe(true);
  });
});

describe('moments', () => {
  it('gives constant moments', () => {
    expect(moments(constant(4))).toEqual({ mean: 4, meanSquare: 16 });
  });

  it('gives uniform moments', () => {
    // E[X^2] of uniform(a, b) is (a^2 + ab + b^2) / 3: here (4 + 12 + 36) / 3.
    expect(moments({ kind: 'uniform', min: 2, max: 6 })).toEqual({ mean: 4, meanSquare: 52 / 3 });
  });

  it('gives exponential moments', () => {
    expect(moments({ kind: 'exponential', mean: 3 })).toEqual({ mean: 3, meanSquare: 18 });
  });

  it('gives normal moments', () => {
    expect(moments({ kind: 'normal', mean: 10, sd: 2 })).toEqual({ mean: 10, meanSquare: 104 });
  });

  it('gives lognormal moments', () => {
    expect(moments({ kind: 'lognormal', mean: 50, sd: 20 })).toEqual({
      mean: 50,
      meanSquare: 2_900,
    });
  });

  it('gives none when truncated', () => {
    const truncated: Distribution = { kind: 'normal', mean: 10, sd: 2, range: { min: 8, max: 12 } };

    expect(moments(truncated)).toBeUndefined();
  });
});

describe('upperBound', () => {
  it('is a constant value', () => {
    expect(upperBound(constant(9))).toBe(9);
  });

  it('is the uniform max', () => {
    expect(upperBound({ kind: 'uniform', min: 1, max: 5 })).toBe(5);
  });

  it('is the range max', () => {
    expect(upperBound({ kind: 'exponential', mean: 1, range: { min: 0, max: 7 } })).toBe(7);
  });

  it('is infinite when unbounded', () => {
    expect(upperBound({ kind: 'exponential', mean: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(upperBound({ kind: 'normal', mean: 1, sd: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(upperBound({ kind: 'lognormal', mean: 1, sd: 1 })).toBe(Number.POSITIVE_INFINITY);
  });
});
