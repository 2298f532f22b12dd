import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { StrategyResult } from '../../src/metrics/result.ts';
import { simulate } from '../../src/runtime/sim.ts';
import type { TimelineEntry } from '../../src/runtime/timeline.ts';
import { findStrategy } from '../../src/strategies/index.ts';
import { buildTestWorld, MINUTE, SECOND } from './worlds.ts';

/**
 * Consumers that want key a, key b, every key, and keys a and c. Events of a and b share a
 * time, so one wake-up of the producer serves several keys. Each consumer wants 3, 2, 6 and 4
 * of the events: 15 in all.
 */
const CONSUMERS = [{ keys: ['a'] }, { keys: ['b'] }, {}, { keys: ['a', 'c'] }];
const WANTED_TOTAL = 15;

const world = () =>
  buildTestWorld(
    [
      { time: 650 * SECOND, key: 'a' },
      { time: 12 * MINUTE, key: 'a' },
      { time: 12 * MINUTE, key: 'b' },
      { time: 780 * SECOND, key: 'c' },
      { time: 845 * SECOND, key: 'b' },
      { time: 14.5 * MINUTE, key: 'a' },
    ],
    { consumers: CONSUMERS },
  );

interface Run {
  readonly result: StrategyResult;
  readonly entries: TimelineEntry[];
}

/** Runs `name` with no network delay and keeps every timeline entry. */
function run(name: string): Run {
  const entries: TimelineEntry[] = [];
  const result = simulate(world(), {
    strategy: findStrategy(name)!,
    interval: constant(MINUTE),
    align: 'epoch',
    latency: constant(0),
    seed: 1,
    observe: (entry) => entries.push(entry),
  });
  return { result, entries };
}

/** Returns the keys of the events that `kind` entries carried to each consumer. */
function keysCarried(entries: readonly TimelineEntry[], kind: string): Set<string>[] {
  const log = world().log;
  const carried = CONSUMERS.map(() => new Set<string>());

  for (const entry of entries) {
    if (entry.kind !== kind) continue;
    for (const seq of entry.detail.events ?? []) {
      carried[entry.consumer]?.add(log.events[seq - 1]?.key ?? '?');
    }
  }
  return carried;
}

const WANTED_KEYS = [['a'], ['b'], ['a', 'b', 'c'], ['a', 'c']];

describe.each(['sse', 'websocket'])('keyed %s streams', (name) => {
  const { result, entries } = run(name);

  it('notifies every wanted event', () => {
    expect(result.events.total).toBe(WANTED_TOTAL);
    expect(result.events.notified).toBe(WANTED_TOTAL);
  });

  it('sends each wanted event once', () => {
    expect(result.deliveries).toBe(WANTED_TOTAL);
  });

  it('sends only wanted keys', () => {
    const carried = keysCarried(entries, 'push').map((keys) => [...keys].sort());
    expect(carried).toEqual(WANTED_KEYS);
  });

  it('sends at once', () => {
    expect(result.latencyMs.max).toBe(0);
  });
});

describe('keyed held polls', () => {
  const { result, entries } = run('long-poll');

  it('notifies every wanted event', () => {
    expect(result.events.total).toBe(WANTED_TOTAL);
    expect(result.events.notified).toBe(WANTED_TOTAL);
  });

  it('responds with wanted keys', () => {
    const carried = keysCarried(entries, 'response').map((keys) => [...keys].sort());
    expect(carried).toEqual(WANTED_KEYS);
  });

  // A held poll that the producer failed to wake would wait out its hold, and the event would
  // arrive late.
  it('responds at once', () => {
    expect(result.latencyMs.max).toBe(0);
  });
});
