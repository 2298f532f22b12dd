import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY, EventLog } from '../../src/model/event-log.ts';

/** Builds a log of five events given out of order, with a tie at time 20 of 'b' and 'c'. */
function sampleLog(): EventLog {
  return new EventLog([
    { time: 30, key: 'x', payload: 'd' },
    { time: 20, key: 'y', payload: 'b' },
    { time: 10, key: 'x', payload: 'a' },
    { time: 20, key: 'x', payload: 'c' },
    { time: 40, payload: 'e' },
  ]);
}

const payloads = (events: readonly { payload: unknown }[]) => events.map((event) => event.payload);

describe('EventLog order', () => {
  it('sorts events by time', () => {
    expect(payloads(sampleLog().events)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps input order in ties', () => {
    const log = new EventLog([
      { time: 5, payload: 'first' },
      { time: 5, payload: 'second' },
      { time: 5, payload: 'third' },
    ]);

    expect(payloads(log.events)).toEqual(['first', 'second', 'third']);
  });

  it('numbers events from 1', () => {
    expect(sampleLog().events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives keyless events the default key', () => {
    expect(sampleLog().events[4]?.key).toBe(DEFAULT_KEY);
  });

  it('gives missing payloads null', () => {
    expect(new EventLog([{ time: 1 }]).events[0]?.payload).toBeNull();
  });
});

describe('EventLog.headAt', () => {
  it('is 0 before the first event', () => {
    expect(sampleLog().headAt(9)).toBe(0);
  });

  it('shows an event at its own time', () => {
    const log = sampleLog();

    expect(log.headAt(10)).toBe(1);
    expect(log.headAt(20)).toBe(3);
    expect(log.headAt(40)).toBe(5);
  });

  it('hides an event until its time', () => {
    expect(sampleLog().headAt(19.999)).toBe(1);
  });

  it('answers a clock that moved back', () => {
    const log = sampleLog();
    log.headAt(40);

    expect(log.headAt(15)).toBe(1);
  });

  it('is the size after the last', () => {
    expect(sampleLog().headAt(1_000)).toBe(5);
  });
});

describe('EventLog.between', () => {
  it('returns events after cursor', () => {
    expect(payloads(sampleLog().between(1, 4, undefined))).toEqual(['b', 'c', 'd']);
  });

  it('is empty when head is not past cursor', () => {
    const log = sampleLog();

    expect(log.between(3, 3, undefined)).toEqual([]);
    expect(log.between(4, 2, undefined)).toEqual([]);
  });

  it('filters by one key', () => {
    expect(payloads(sampleLog().between(0, 5, ['x']))).toEqual(['a', 'c', 'd']);
  });

  it('merges keys in sequence order', () => {
    expect(payloads(sampleLog().between(0, 5, ['x', 'y']))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('respects cursor and head with keys', () => {
    expect(payloads(sampleLog().between(1, 3, ['x']))).toEqual(['c']);
  });

  it('is empty for an unknown key', () => {
    expect(sampleLog().between(0, 5, ['z'])).toEqual([]);
  });
});

describe('EventLog.countFor', () => {
  it('counts every event without keys', () => {
    expect(sampleLog().countFor(undefined)).toBe(5);
  });

  it('counts the events of keys', () => {
    expect(sampleLog().countFor(['x', DEFAULT_KEY])).toBe(4);
  });
});
