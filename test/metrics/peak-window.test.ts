import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/engine/random.ts';
import { PeakWindows } from '../../src/metrics/peak-window.ts';

/** Counts by brute force the most arrivals in any window (t − width, t] ending at an arrival. */
function bruteForcePeak(times: readonly number[], width: number): number {
  let best = 0;
  for (const end of times) {
    const inside = times.filter((time) => time > end - width && time <= end).length;
    best = Math.max(best, inside);
  }
  return best;
}

/** Arrivals in order: bursts of equal times and gaps of many sizes, 3,000 in all. */
function arrivals(): number[] {
  const random = createRandom(7);
  const times: number[] = [];
  let time = 0;

  for (let index = 0; index < 3_000; index++) {
    time += random.next() < 0.2 ? 0 : random.next() * 40;
    times.push(time);
  }
  return times;
}

describe('peak windows', () => {
  const times = arrivals();
  const peaks = new PeakWindows();
  for (const time of times) peaks.add(time);

  it('match a brute force per second', () => {
    expect(peaks.perSecond).toBe(bruteForcePeak(times, 1_000));
  });

  it('match a brute force per 100 ms', () => {
    expect(peaks.per100ms).toBe(bruteForcePeak(times, 100));
  });

  it('grow past the first ring', () => {
    const burst = new PeakWindows();
    for (let index = 0; index < 5_000; index++) burst.add(42);
    expect(burst.perSecond).toBe(5_000);
    expect(burst.per100ms).toBe(5_000);
  });
});
