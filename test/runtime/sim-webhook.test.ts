import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { buildTestWorld, MINUTE, runStrategy, SECOND } from './worlds.ts';

const EVENT_TIMES = [650, 700, 700, 780, 845].map((seconds) => seconds * SECOND);

const world = () => buildTestWorld(EVENT_TIMES.map((time) => ({ time })));

describe('webhook without latency', () => {
  const result = runStrategy('webhook', world());

  it('sends no requests', () => {
    expect(result.requests).toBe(0);
    expect(result.wastedRequests).toBe(0);
  });

  it('delivers each event once', () => {
    expect(result.deliveries).toBe(5);
  });

  it('has zero latency', () => {
    expect(result.latencyMs).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
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

describe('webhook with constant latency', () => {
  // A push takes one one-way delay to reach the consumer.
  const result = runStrategy('webhook', world(), { latency: constant(SECOND) });

  it('has the delay as mean', () => {
    expect(result.latencyMs.mean).toBe(SECOND);
  });

  it('has the delay as max', () => {
    expect(result.latencyMs.max).toBe(SECOND);
  });

  it('delivers each event once', () => {
    expect(result.deliveries).toBe(5);
  });
});

describe('webhook consumers', () => {
  it('delivers to every consumer', () => {
    const three = buildTestWorld([{ time: 11 * MINUTE }], { consumers: [{}, {}, {}] });
    const result = runStrategy('webhook', three);

    expect(result.deliveries).toBe(3);
    expect(result.events.notified).toBe(3);
  });

  it('delivers events after the window', () => {
    // The window bounds only polling, because the producer pushes every event in its log.
    const result = runStrategy('webhook', buildTestWorld([{ time: 20 * MINUTE }]));

    expect(result.events.missed).toBe(0);
  });
});
