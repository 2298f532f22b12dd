import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { buildTestWorld, MINUTE, runStrategy, SECOND } from './worlds.ts';

/**
 * Five events in the window from 10:30 to 15:00. Polls at 11, 12, 13, 14 and 15 minutes find
 * the event at 10:50, the two at 11:40, the one at exactly 13:00, nothing, and the one at 14:05.
 */
const EVENT_TIMES = [650, 700, 700, 780, 845].map((seconds) => seconds * SECOND);

const world = () => buildTestWorld(EVENT_TIMES.map((time) => ({ time })));

describe('poll without latency', () => {
  const result = runStrategy('poll', world());

  it('sends one request per poll', () => {
    expect(result.requests).toBe(5);
  });

  it('wastes the empty poll', () => {
    expect(result.wastedRequests).toBe(1);
  });

  it('sends no deliveries', () => {
    expect(result.deliveries).toBe(0);
  });

  it('has the hand-computed mean', () => {
    // The delays are 10 s, 20 s, 20 s, 0 s (event at poll time) and 55 s, with mean 21 s.
    expect(result.latencyMs.mean).toBe(21 * SECOND);
  });

  it('has the hand-computed max', () => {
    expect(result.latencyMs.max).toBe(55 * SECOND);
  });

  it('has the median within 0.1%', () => {
    expect(Math.abs(result.latencyMs.p50 - 20 * SECOND)).toBeLessThanOrEqual(20);
  });

  it('notifies every event once', () => {
    expect(result.events).toEqual({
      total: 5,
      notified: 5,
      missed: 0,
      lost: 0,
      duplicates: 0,
      duplicatesDropped: 0,
      outOfOrder: 0,
    });
  });
});

describe('poll with constant latency', () => {
  // Each poll reaches the producer 1 s after it is sent and the response comes 1 s later.
  const result = runStrategy('poll', world(), { latency: constant(SECOND) });

  it('sends one request per poll', () => {
    expect(result.requests).toBe(5);
  });

  it('wastes the empty poll', () => {
    expect(result.wastedRequests).toBe(1);
  });

  it('adds both trips to the mean', () => {
    // The delays are 12 s, 22 s, 22 s, 2 s and 57 s, with mean 23 s.
    expect(result.latencyMs.mean).toBe(23 * SECOND);
  });

  it('adds both trips to the max', () => {
    expect(result.latencyMs.max).toBe(57 * SECOND);
  });

  it('misses nothing', () => {
    expect(result.events.missed).toBe(0);
  });
});

describe('poll window edges', () => {
  it('misses events after the last poll', () => {
    const late = buildTestWorld([{ time: 14.5 * MINUTE }, { time: 15.5 * MINUTE }]);
    const result = runStrategy('poll', late);

    expect(result.events.missed).toBe(1);
    expect(result.events.notified).toBe(1);
  });

  it('counts polls of an empty log as wasted', () => {
    const result = runStrategy('poll', buildTestWorld([]));

    expect(result.requests).toBe(5);
    expect(result.wastedRequests).toBe(5);
  });

  it('reports zero latency with no events', () => {
    const result = runStrategy('poll', buildTestWorld([]));

    expect(result.latencyMs).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
