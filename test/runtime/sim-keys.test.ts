import { describe, expect, it } from 'vitest';
import { buildTestWorld, MINUTE, runStrategy, SECOND } from './worlds.ts';

/**
 * Consumer 0 wants key a, consumer 1 wants key b, and no consumer wants key c. Polls fall at 11,
 * 12, 13, 14 and 15 minutes.
 */
const world = () =>
  buildTestWorld(
    [
      { time: 650 * SECOND, key: 'a' },
      { time: 700 * SECOND, key: 'a' },
      { time: 700 * SECOND, key: 'b' },
      { time: 780 * SECOND, key: 'c' },
      { time: 845 * SECOND, key: 'b' },
    ],
    { consumers: [{ keys: ['a'] }, { keys: ['b'] }] },
  );

describe('keyed polling', () => {
  const result = runStrategy('poll', world());

  it('counts only wanted events', () => {
    expect(result.events.total).toBe(4);
    expect(result.events.notified).toBe(4);
  });

  it('polls for each consumer', () => {
    expect(result.requests).toBe(10);
  });

  it('wastes polls without wanted news', () => {
    // Consumer a finds news at 11 and 12 minutes, consumer b at 12 and 15 minutes.
    expect(result.wastedRequests).toBe(6);
  });

  it('has the hand-computed mean', () => {
    // Delays: a 10 s and 20 s, b 20 s and 55 s.
    expect(result.latencyMs.mean).toBe(26.25 * SECOND);
  });
});

describe('keyed webhooks', () => {
  const result = runStrategy('webhook', world());

  it('delivers only wanted events', () => {
    expect(result.deliveries).toBe(4);
  });

  it('counts only wanted events', () => {
    expect(result.events.total).toBe(4);
    expect(result.events.missed).toBe(0);
  });
});

describe('mixed consumers', () => {
  it('counts every event for keyless', () => {
    const mixed = buildTestWorld(
      [
        { time: 11 * MINUTE, key: 'a' },
        { time: 12 * MINUTE, key: 'b' },
      ],
      { consumers: [{ keys: ['a'] }, {}] },
    );

    expect(runStrategy('poll', mixed).events.total).toBe(3);
  });
});
