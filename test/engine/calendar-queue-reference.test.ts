import { describe, expect, it } from 'vitest';
import { CalendarQueue } from '../../src/engine/calendar-queue.ts';
import { EventQueue } from '../../src/engine/event-queue.ts';
import type { Random } from '../../src/engine/random.ts';
import { createRandom } from '../../src/engine/random.ts';

interface Entry {
  readonly time: number;
  readonly seq: number;
}

/** A list kept sorted by (time, seq), which is the order the queue must pop in. */
class SortedReference {
  private readonly entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  push(entry: Entry): void {
    let low = 0;
    let high = this.entries.length;

    while (low < high) {
      const middle = (low + high) >> 1;
      const other = this.entries[middle] as Entry;
      const before =
        other.time < entry.time || (other.time === entry.time && other.seq < entry.seq);
      if (before) low = middle + 1;
      else high = middle;
    }

    this.entries.splice(low, 0, entry);
  }

  pop(): Entry | undefined {
    return this.entries.shift();
  }
}

/** How far ahead of the last popped time a push lands, as a function of a uniform draw. */
type Spread = (random: Random) => number;

/**
 * Phases of the run, each with its own push share and spread. Together they make the queue
 * grow past a thousand items and shrink back, and move the typical gap between times by nine
 * orders of magnitude while the item count stays the same, so both kinds of rebuild run.
 */
const PHASES: readonly { pushShare: number; steps: number; spread: Spread }[] = [
  { pushShare: 0.7, steps: 4_000, spread: (random) => random.next() * 1000 },
  { pushShare: 0.5, steps: 4_000, spread: (random) => random.next() * 1e6 },
  { pushShare: 0.5, steps: 4_000, spread: (random) => random.next() * 1e-3 },
  { pushShare: 0.5, steps: 4_000, spread: (random) => Math.floor(random.next() * 4) },
  { pushShare: 0.5, steps: 4_000, spread: unusualSpread },
  { pushShare: 0.3, steps: 6_000, spread: (random) => random.next() * 10 },
];

/** Pushes at the current time, one huge gap ahead, or a fraction of a unit ahead. */
function unusualSpread(random: Random): number {
  const draw = random.next();
  if (draw < 0.3) return 0;
  if (draw < 0.35) return 1e12 * random.next();
  return random.next();
}

/** Runs the phases on the queue and the reference, and returns both pop sequences. */
function runPhases(seed: number): {
  popped: (Entry | undefined)[];
  expected: (Entry | undefined)[];
} {
  const random = createRandom(seed);
  const queue = new CalendarQueue<Entry>();
  const reference = new SortedReference();
  const popped: (Entry | undefined)[] = [];
  const expected: (Entry | undefined)[] = [];
  let now = 0;
  let seq = 0;

  for (const phase of PHASES) {
    for (let step = 0; step < phase.steps; step++) {
      if (random.next() < phase.pushShare) {
        const entry = { time: now + phase.spread(random), seq: seq++ };
        queue.push(entry.time, entry);
        reference.push(entry);
        continue;
      }

      const entry = queue.pop();
      popped.push(entry);
      expected.push(reference.pop());
      if (entry !== undefined) now = entry.time;
    }
  }

  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) popped.push(entry);
  for (let entry = reference.pop(); entry !== undefined; entry = reference.pop()) {
    expected.push(entry);
  }
  return { popped, expected };
}

describe('CalendarQueue against a reference', () => {
  it('matches a sorted reference', () => {
    const { popped, expected } = runPhases(42);

    expect(popped).toEqual(expected);
  });

  it('matches with other seeds', () => {
    for (const seed of [1, 2, 3]) {
      const { popped, expected } = runPhases(seed);

      expect(popped, `seed ${seed}`).toEqual(expected);
    }
  });
});

describe('CalendarQueue against EventQueue', () => {
  it('pops what the heap pops', () => {
    const random = createRandom(9);
    const calendar = new CalendarQueue<number>();
    const heap = new EventQueue<number>();
    const fromCalendar: (number | undefined)[] = [];
    const fromHeap: (number | undefined)[] = [];

    // A hold model as the simulator runs it: a timer per consumer at a random phase, each
    // popped and pushed back one period later, with times rounded so that ties occur.
    for (let item = 0; item < 2_000; item++) {
      const phase = Math.round(random.next() * 500);
      calendar.push(phase, item);
      heap.push(phase, item);
    }
    for (let step = 0; step < 20_000; step++) {
      const time = heap.peekTime();
      const item = heap.pop() as number;
      fromHeap.push(item);
      fromCalendar.push(calendar.pop());
      heap.push(time + 1000, item);
      calendar.push(time + 1000, item);
    }

    expect(fromCalendar).toEqual(fromHeap);
  });
});
