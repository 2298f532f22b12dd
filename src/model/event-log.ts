/** One piece of news at the producer. */
export interface ProducerEvent {
  /** Position in the log, from 1; a cursor of N means "every event up to N is known". */
  readonly seq: number;
  /** When the producer had the news, in ms since the Unix epoch. */
  readonly time: number;
  /** The subject of the news. Consumers may request some keys only. */
  readonly key: string;
  readonly payload: unknown;
}

/** An event as a scenario describes it, before the log orders and numbers it. */
export interface EventInput {
  readonly time: number;
  readonly key?: string;
  readonly payload?: unknown;
}

const NO_EVENTS: readonly ProducerEvent[] = Object.freeze([]);

/** The key given to events that a scenario leaves without one. */
export const DEFAULT_KEY = 'default';

/**
 * The producer's ordered event log. Events are sorted by time (ties keep their input order)
 * and numbered from 1. An event is visible from its own time on, so a poll that arrives at
 * time t gets every event timed at or before t.
 */
export class EventLog {
  readonly events: readonly ProducerEvent[];
  private readonly times: Float64Array;
  private readonly byKey = new Map<string, number[]>();
  private lastNow = Number.NEGATIVE_INFINITY;
  private lastHead = 0;

  constructor(inputs: readonly EventInput[]) {
    const order = inputs.map((input, index) => ({ input, index }));
    order.sort((a, b) => a.input.time - b.input.time || a.index - b.index);

    this.events = order.map(({ input }, index) => ({
      seq: index + 1,
      time: input.time,
      key: input.key ?? DEFAULT_KEY,
      payload: input.payload ?? null,
    }));
    this.times = Float64Array.from(this.events, (event) => event.time);
    this.indexKeys();
  }

  get size(): number {
    return this.events.length;
  }

  /**
   * Counts the events of `keys`, or all events when `keys` is undefined; with `until`, only
   * those timed at or before it.
   */
  countFor(keys: readonly string[] | undefined, until = Number.POSITIVE_INFINITY): number {
    const head = this.upperBound(until);
    if (keys === undefined) return head;
    return keys.reduce((sum, key) => sum + firstAbove(this.byKey.get(key) ?? [], head - 1), 0);
  }

  /** Returns the sequence number of the newest event visible at `now` (0 when none is). */
  headAt(now: number): number {
    let head = this.lastHead;

    // Clocks only move forward within a run, so the head usually advances by a step or two.
    // A search from scratch serves the first call of a later run over the same log.
    if (now < this.lastNow) head = this.upperBound(now);
    while (head < this.times.length && (this.times[head] as number) <= now) head++;

    this.lastNow = now;
    this.lastHead = head;
    return head;
  }

  /** Returns the events after `cursor` up to and including `head`, of `keys` when given. */
  between(
    cursor: number,
    head: number,
    keys: readonly string[] | undefined,
  ): readonly ProducerEvent[] {
    if (head <= cursor) return NO_EVENTS;
    if (keys === undefined) return this.events.slice(cursor, head);

    const found: ProducerEvent[] = [];
    for (const key of keys) this.collectKey(key, cursor, head, found);

    if (keys.length > 1) found.sort((a, b) => a.seq - b.seq);
    return found.length === 0 ? NO_EVENTS : found;
  }

  private collectKey(key: string, cursor: number, head: number, found: ProducerEvent[]): void {
    const indices = this.byKey.get(key);
    if (indices === undefined) return;

    let position = firstAbove(indices, cursor - 1);
    while (position < indices.length) {
      const index = indices[position] as number;
      if (index >= head) break;
      found.push(this.events[index] as ProducerEvent);
      position++;
    }
  }

  private indexKeys(): void {
    this.events.forEach((event, index) => {
      const list = this.byKey.get(event.key);
      if (list === undefined) this.byKey.set(event.key, [index]);
      else list.push(index);
    });
  }

  private upperBound(now: number): number {
    let low = 0;
    let high = this.times.length;

    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.times[middle] as number) <= now) low = middle + 1;
      else high = middle;
    }

    return low;
  }
}

/** Returns the first position in the sorted `values` whose value is above `bound`. */
function firstAbove(values: readonly number[], bound: number): number {
  let low = 0;
  let high = values.length;

  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) <= bound) low = middle + 1;
    else high = middle;
  }

  return low;
}
