import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.ts';
import { createRandom } from '../../src/engine/random.ts';

/** Pops every item left in `queue`, in the order the queue returns them. */
function drain<T>(queue: EventQueue<T>): T[] {
  const items: T[] = [];
  for (let item = queue.pop(); item !== undefined; item = queue.pop()) items.push(item);
  return items;
}

describe('EventQueue order', () => {
  it('pops items by time', () => {
    const queue = new EventQueue<string>();
    queue.push(30, 'c');
    queue.push(10, 'a');
    queue.push(20, 'b');

    expect(drain(queue)).toEqual(['a', 'b', 'c']);
  });

  it('pops ties in scheduling order', () => {
    const queue = new EventQueue<string>();
    for (const name of ['first', 'second', 'third']) queue.push(5, name);
    queue.push(1, 'early');

    expect(drain(queue)).toEqual(['early', 'first', 'second', 'third']);
  });

  it('reports the earliest time', () => {
    const queue = new EventQueue<string>();
    queue.push(7, 'late');
    queue.push(3, 'soon');

    expect(queue.peekTime()).toBe(3);
  });
});

describe('EventQueue empty', () => {
  it('pops undefined when empty', () => {
    const queue = new EventQueue<number>();

    expect(queue.pop()).toBeUndefined();
  });

  it('peeks Infinity when empty', () => {
    const queue = new EventQueue<number>();

    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('is empty after the last pop', () => {
    const queue = new EventQueue<number>();
    queue.push(1, 1);
    queue.pop();

    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
  });
});

describe('EventQueue growth', () => {
  it('keeps order past initial capacity', () => {
    const queue = new EventQueue<number>();
    const count = 1_000;

    // Descending times make every push sift to the root, the hardest case for the heap.
    for (let index = count - 1; index >= 0; index--) queue.push(index, index);

    expect(queue.size).toBe(count);
    expect(drain(queue)).toEqual(Array.from({ length: count }, (_, index) => index));
  });
});

interface ReferenceEntry {
  readonly time: number;
  readonly seq: number;
}

/** Removes and returns the entry that sorts first by (time, seq), as the queue should. */
function popReference(entries: ReferenceEntry[]): ReferenceEntry | undefined {
  let best = -1;

  entries.forEach((entry, index) => {
    const current = entries[best];
    const before =
      current === undefined ||
      entry.time < current.time ||
      (entry.time === current.time && entry.seq < current.seq);
    if (before) best = index;
  });

  return best === -1 ? undefined : entries.splice(best, 1)[0];
}

describe('EventQueue against a reference', () => {
  it('matches a sorted reference', () => {
    const random = createRandom(42);
    const queue = new EventQueue<ReferenceEntry>();
    const reference: ReferenceEntry[] = [];
    const popped: (ReferenceEntry | undefined)[] = [];
    const expected: (ReferenceEntry | undefined)[] = [];

    // Times come from 50 values so that ties are common, and 60% pushes let the queue grow.
    for (let seq = 0; seq < 5_000; seq++) {
      if (random.next() < 0.6) {
        const entry = { time: Math.floor(random.next() * 50), seq };
        queue.push(entry.time, entry);
        reference.push(entry);
      } else {
        popped.push(queue.pop());
        expected.push(popReference(reference));
      }
    }

    expect(popped).toEqual(expected);
    expect(drain(queue)).toEqual(sortReference(reference));
  });
});

/** Sorts the reference's leftover entries by (time, seq). */
function sortReference(entries: readonly ReferenceEntry[]): ReferenceEntry[] {
  return [...entries].sort((a, b) => a.time - b.time || a.seq - b.seq);
}
