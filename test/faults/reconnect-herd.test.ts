import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { JitterMode } from '../../src/strategies/tuning.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';
import { at, faultsWith, tuningWith } from './fault-worlds.ts';

const CONSUMERS = 100;

/**
 * 100 stream consumers lose the producer at once: it goes down from 100 s to 160 s, and each
 * reconnect waits 1 s, then 2 s, 4 s and so on.
 */
function runOutage(strategy: string, jitter: JitterMode, events = [{ time: at(200) }]) {
  const world = buildTestWorld(events, {
    consumers: Array.from({ length: CONSUMERS }, () => ({})),
    end: at(200),
  });
  return runStrategy(strategy, world, {
    latency: constant(0),
    tuning: tuningWith({ backoff: { baseMs: SECOND, capMs: 60 * SECOND, jitter } }),
    faults: faultsWith({ producer: { outage: [{ start: at(100), end: at(160) }] } }),
  });
}

describe.each(['sse', 'long-poll'])('%s reconnects after an outage', (strategy) => {
  // No event: one that every consumer wants makes long pollers ask again together, a herd of
  // its own that would hide the one the reconnects make.
  const lockstep = runOutage(strategy, 'none', []);
  const spread = runOutage(strategy, 'full', []);

  it('lands each wave in one 100 ms without jitter', () => {
    expect(lockstep.peakPer100ms).toBe(CONSUMERS);
  });

  it('spreads the waves with full jitter', () => {
    // The first wave alone spreads over ten windows of 100 ms, and each later wave over twice
    // as many, so even where waves overlap the peak stays far below the whole herd.
    expect(spread.peakPer100ms).toBeLessThan(0.4 * CONSUMERS);
  });

  it('still delivers the event', () => {
    expect(runOutage(strategy, 'none').events.notified).toBe(CONSUMERS);
    expect(runOutage(strategy, 'full').events.notified).toBe(CONSUMERS);
  });
});
