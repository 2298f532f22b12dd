import { describe, expect, it } from 'vitest';
import { CalendarQueue } from '../../src/engine/calendar-queue.ts';

/** Pops every item left in `queue`, in the order the queue returns them. */
function drain<T>(queue: CalendarQueue<T>): T[] {
  const items: T[] = [];
  for (let item = queue.pop(); item !== undefined; item = queue.pop()) items.push(item);
  return items;
}

describe('CalendarQueue order', () => {
  it('pops items by time', () => {
    const queue = new CalendarQueue<string>();
    queue.push(30, 'c');
    queue.push(10, 'a');
    queue.push(20, 'b');

    expect(drain(queue)).toEqual(['a', 'b', 'c']);
  });

  it('pops ties in scheduling order', () => {
    const queue = new CalendarQueue<string>();
    for (const name of ['first', 'second', 'third']) queue.push(5, name);
    queue.push(1, 'early');

    expect(drain(queue)).toEqual(['early', 'first', 'second', 'third']);
  });

  it('orders fractional times', () => {
    const queue = new CalendarQueue<string>();
    queue.push(0.3, 'c');
    queue.push(0.1 + 0.2, 'd');
    queue.push(0.25, 'b');
    queue.push(Number.EPSILON, 'a');

    // 0.1 + 0.2 is 0.30000000000000004, just after 0.3.
    expect(drain(queue)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports the earliest time', () => {
    const queue = new CalendarQueue<string>();
    queue.push(7, 'late');
    queue.push(3, 'soon');

    expect(queue.peekTime()).toBe(3);
  });

  it('accepts pushes before the last pop', () => {
    const queue = new CalendarQueue<string>();
    queue.push(100, 'first');
    queue.push(200, 'last');
    queue.pop();
    queue.push(50, 'earlier');

    expect(drain(queue)).toEqual(['earlier', 'last']);
  });

  it('pops infinite times last', () => {
    const queue = new CalendarQueue<string>();
    queue.push(Number.POSITIVE_INFINITY, 'never');
    queue.push(Number.NEGATIVE_INFINITY, 'always');
    queue.push(1e300, 'huge');

    expect(drain(queue)).toEqual(['always', 'huge', 'never']);
  });
});

describe('CalendarQueue empty', () => {
  it('pops undefined when empty', () => {
    const queue = new CalendarQueue<number>();

    expect(queue.pop()).toBeUndefined();
  });

  it('peeks Infinity when empty', () => {
    const queue = new CalendarQueue<number>();

    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('is empty after the last pop', () => {
    const queue = new CalendarQueue<number>();
    queue.push(1, 1);
    queue.pop();

    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
  });

  it('restarts at a new time', () => {
    const queue = new CalendarQueue<number>();
    queue.push(1, 1);
    queue.pop();
    queue.push(1e15, 2);
    queue.push(1e15 + 0.5, 3);

    expect(drain(queue)).toEqual([2, 3]);
  });
});

describe('CalendarQueue growth', () => {
  it('keeps order past initial capacity', () => {
    const queue = new CalendarQueue<number>();
    const count = 1_000;

    // Descending times put every push before its list's tail, the slow path of a push.
    for (let index = count - 1; index >= 0; index--) queue.push(index, index);

    expect(queue.size).toBe(count);
    expect(drain(queue)).toEqual(Array.from({ length: count }, (_, index) => index));
  });

  it('keeps many ties in push order', () => {
    const queue = new CalendarQueue<number>();
    const count = 5_000;
    for (let index = 0; index < count; index++) queue.push(42, index);

    expect(drain(queue)).toEqual(Array.from({ length: count }, (_, index) => index));
  });
});

describe('CalendarQueue invalid time', () => {
  it('rejects a NaN time', () => {
    const queue = new CalendarQueue<number>();

    expect(() => queue.push(Number.NaN, 1)).toThrow(RangeError);
  });

  it('stays empty after a rejected push', () => {
    const queue = new CalendarQueue<number>();
    expect(() => queue.push(Number.NaN, 1)).toThrow();

    expect(queue.size).toBe(0);
  });
});
