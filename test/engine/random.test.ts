import { describe, expect, it } from 'vitest';
import type { Random } from '../../src/engine/random.ts';
import { createRandom, createStream, deriveSeed } from '../../src/engine/random.ts';

function draws(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('repeats draws for a seed', () => {
    expect(draws(createRandom(7), 100)).toEqual(draws(createRandom(7), 100));
  });

  it('differs between seeds', () => {
    expect(draws(createRandom(7), 10)).not.toEqual(draws(createRandom(8), 10));
  });

  it('draws values in [0, 1)', () => {
    const values = draws(createRandom(3), 100_000);

    expect(values.reduce((low, value) => Math.min(low, value))).toBeGreaterThanOrEqual(0);
    expect(values.reduce((high, value) => Math.max(high, value))).toBeLessThan(1);
  });

  it('draws with mean near 1/2', () => {
    const count = 100_000;
    const mean = draws(createRandom(5), count).reduce((sum, value) => sum + value, 0) / count;

    // A uniform draw has variance 1/12, and the check allows five standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / count));
  });
});

describe('createStream', () => {
  it('repeats draws for seed and label', () => {
    expect(draws(createStream(1, 'poll/network'), 100)).toEqual(
      draws(createStream(1, 'poll/network'), 100),
    );
  });

  it('differs between labels', () => {
    expect(draws(createStream(1, 'poll/network'), 10)).not.toEqual(
      draws(createStream(1, 'webhook/network'), 10),
    );
  });

  it('differs between seeds', () => {
    expect(draws(createStream(1, 'poll/network'), 10)).not.toEqual(
      draws(createStream(2, 'poll/network'), 10),
    );
  });

  it('derives a 32-bit integer seed', () => {
    const seed = deriveSeed(1, 'scenario/bullpen');

    expect(Number.isInteger(seed)).toBe(true);
    expect(seed | 0).toBe(seed);
  });
});
