import { describe, expect, it } from 'vitest';
import { buildTestWorld, MINUTE, runStrategy, WINDOW_END, WINDOW_START } from './worlds.ts';

describe('epoch alignment start', () => {
  it('first polls at the next multiple', () => {
    // The window opens at 10:30, so the first poll is at 11:00 and finds this event 30 s old.
    const result = runStrategy('poll', buildTestWorld([{ time: WINDOW_START }]));

    expect(result.latencyMs.max).toBe(30_000);
  });

  it('polls at a start on a multiple', () => {
    const world = buildTestWorld([{ time: 10 * MINUTE }], { start: 10 * MINUTE });
    const result = runStrategy('poll', world);

    expect(result.latencyMs.max).toBe(0);
    expect(result.requests).toBe(6);
  });
});

describe('epoch alignment end', () => {
  it('last polls at an end on a multiple', () => {
    // Polls fall at 11, 12, 13, 14 and 15 minutes, and the one at 15:00 gets the event at 15:00.
    const result = runStrategy('poll', buildTestWorld([{ time: WINDOW_END }]));

    expect(result.requests).toBe(5);
    expect(result.latencyMs.max).toBe(0);
  });

  it('last polls after an end between multiples', () => {
    // The window closes at 14:30, so the last poll is the one at 15:00.
    const world = buildTestWorld([{ time: 14.5 * MINUTE }], { end: 14.5 * MINUTE });
    const result = runStrategy('poll', world);

    expect(result.requests).toBe(5);
    expect(result.latencyMs.max).toBe(30_000);
    expect(result.events.missed).toBe(0);
  });
});

describe('random alignment', () => {
  // A window of exactly five intervals gets six polls whatever the phase: the first at phase
  // p of an interval and the last at 5 + p intervals, the first at or after the end.
  const world = buildTestWorld([{ time: 12.5 * MINUTE }], { start: 10 * MINUTE });

  for (const seed of [1, 2, 3]) {
    it(`polls six times with seed ${seed}`, () => {
      const result = runStrategy('poll', world, { align: 'random', seed });

      expect(result.requests).toBe(6);
    });
  }

  it('keeps latency under one interval', () => {
    const result = runStrategy('poll', world, { align: 'random', seed: 4 });

    expect(result.latencyMs.max).toBeLessThan(MINUTE);
  });

  it('polls six times per consumer', () => {
    const many = buildTestWorld([], { start: 10 * MINUTE, consumers: [{}, {}, {}] });

    expect(runStrategy('poll', many, { align: 'random' }).requests).toBe(18);
  });
});
