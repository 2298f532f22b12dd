import { describe, expect, it } from 'vitest';
import { renderStrategyTimeline } from '../../src/report/timeline.ts';
import { TIMELINE_LIMIT } from '../../src/runtime/timeline.ts';
import { timelineOf } from './timeline-worlds.ts';
import { buildTestWorld, SECOND, WINDOW_START } from './worlds.ts';

// One event a second. Under webhook each makes four entries (the event, the push, its arrival
// and the 204), and the subscription makes two more.
const EVENTS = 600;
const world = () =>
  buildTestWorld(
    Array.from({ length: EVENTS }, (_, index) => ({ time: WINDOW_START + (index + 1) * SECOND })),
    { end: WINDOW_START + (EVENTS + 1) * SECOND },
  );

describe('timeline size limit', () => {
  const timeline = timelineOf('webhook', world());

  it('keeps the first entries', () => {
    expect(timeline.entries.length).toBe(TIMELINE_LIMIT);
  });

  it('counts the entries left out', () => {
    expect(timeline.omitted).toBe(4 * EVENTS + 2 - TIMELINE_LIMIT);
  });

  it('keeps entries in time order', () => {
    const times = timeline.entries.map((entry) => entry.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('says how many were left out', () => {
    const text = renderStrategyTimeline(timeline);
    expect(text).toContain('... and 402 more messages left out; use fewer --consumers');
  });
});
