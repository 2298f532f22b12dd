import { describe, expect, it } from 'vitest';
import { DAY_MS, dailyRate, geometricCount, poissonTimes } from '../../src/engine/processes.ts';
import { createRandom } from '../../src/engine/random.ts';

const DRAWS = 100_000;

describe('geometricCount', () => {
  it('has the requested mean', () => {
    const random = createRandom(1);
    let sum = 0;
    for (let index = 0; index < DRAWS; index++) sum += geometricCount(5, random);
    // The variance is m (m - 1) = 20.
    const standardError = Math.sqrt(20 / DRAWS);

    expect(Math.abs(sum / DRAWS - 5)).toBeLessThan(4 * standardError);
  });

  it('is never below one', () => {
    const random = createRandom(2);
    let smallest = Infinity;
    for (let index = 0; index < 1_000; index++) {
      smallest = Math.min(smallest, geometricCount(1.5, random));
    }

    expect(smallest).toBe(1);
  });

  it('returns one for mean one', () => {
    expect(geometricCount(1, createRandom(3))).toBe(1);
  });
});

describe('poissonTimes', () => {
  it('has the requested count', () => {
    const times = poissonTimes(1 / 1_000, 0, DRAWS * 1_000, createRandom(4));

    expect(Math.abs(times.length - DRAWS)).toBeLessThan(4 * Math.sqrt(DRAWS));
  });

  it('stays inside the window', () => {
    const times = poissonTimes(1 / 1_000, 5_000, 50_000, createRandom(5));

    expect(times.every((time) => time >= 5_000 && time < 50_000)).toBe(true);
  });

  it('returns none at rate zero', () => {
    expect(poissonTimes(0, 0, 1_000, createRandom(6))).toEqual([]);
  });
});

describe('dailyRate', () => {
  const cycle = { rate: 1, peakHour: 9, swing: 0.5 };

  it('peaks at the peak hour', () => {
    expect(dailyRate(cycle, 9 * 3_600_000)).toBeCloseTo(1.5, 12);
  });

  it('bottoms out twelve hours later', () => {
    expect(dailyRate(cycle, DAY_MS + 21 * 3_600_000)).toBeCloseTo(0.5, 12);
  });
});
