import { describe, expect, it } from 'vitest';
import { CalendarQueue } from '../../src/engine/calendar-queue.ts';
import { createRandom } from '../../src/engine/random.ts';

/** Pushes `count` items at 0, `gap`, 2 `gap` and so on. */
function pushEvenly(queue: CalendarQueue<number>, count: number, gap: number): void {
  for (let index = 0; index < count; index++) queue.push(index * gap, index);
}

describe('CalendarQueue bucket count', () => {
  it('tracks the item count while growing', () => {
    const queue = new CalendarQueue<number>();

    // Between half and twice as many items as buckets, once past the minimum of 16 buckets.
    for (let index = 0; index < 10_000; index++) {
      queue.push(index, index);
      if (queue.size < 32) continue;

      expect(queue.bucketCount, `at ${queue.size} items`).toBeGreaterThanOrEqual(queue.size / 2);
      expect(queue.bucketCount, `at ${queue.size} items`).toBeLessThanOrEqual(2 * queue.size);
    }
  });

  it('shrinks while draining', () => {
    const queue = new CalendarQueue<number>();
    pushEvenly(queue, 10_000, 1);
    while (queue.size > 10) queue.pop();

    expect(queue.bucketCount).toBe(16);
  });

  it('is a power of two', () => {
    const queue = new CalendarQueue<number>();
    pushEvenly(queue, 3_000, 1);

    expect(Math.log2(queue.bucketCount) % 1).toBe(0);
  });
});

describe('CalendarQueue bucket width', () => {
  it('is three times the mean gap', () => {
    const queue = new CalendarQueue<number>();

    // The 33rd push passes twice the 16 buckets, so the calendar is rebuilt with 33 items.
    pushEvenly(queue, 33, 2);

    expect(queue.bucketWidth).toBe(6);
  });

  it('leaves out a large gap', () => {
    const queue = new CalendarQueue<number>();
    for (let index = 0; index < 20; index++) queue.push(2 * index, index);
    for (let index = 20; index < 33; index++) queue.push(1000 + 2 * index, index);

    // The gap of 962 between the 20th and 21st times is over twice the mean gap of 31.9.
    expect(queue.bucketWidth).toBe(6);
  });

  it('stays when every time ties', () => {
    const queue = new CalendarQueue<number>();
    const before = queue.bucketWidth;
    for (let index = 0; index < 100; index++) queue.push(5, index);

    expect(queue.bucketCount).toBeGreaterThan(16);
    expect(queue.bucketWidth).toBe(before);
  });

  it('follows a spread that grows', () => {
    const random = createRandom(3);
    const queue = new CalendarQueue<number>();
    const count = 1000;
    const period = 1e6;
    pushEvenly(queue, count, 1);
    const narrow = queue.bucketWidth;

    // Moves every item to a uniform time within one long period, then runs a hold model on
    // that period. The item count stays the same, so only the cost of scanning empty buckets
    // can trigger the rebuild that widens the buckets.
    for (let index = 0; index < count; index++) {
      queue.push(count + random.next() * period, queue.pop() as number);
    }
    for (let step = 0; step < 5 * count; step++) {
      const time = queue.peekTime();
      queue.push(time + period, queue.pop() as number);
    }

    // Uniform times have a mean gap of period / count, so the width nears 3 x period / count,
    // somewhat less because gaps of more than twice the mean are left out.
    expect(narrow).toBe(3);
    expect(queue.bucketWidth).toBeGreaterThan((3 * period) / count / 4);
    expect(queue.bucketWidth).toBeLessThan((3 * period) / count);
  });
});
