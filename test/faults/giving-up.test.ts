import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';
import { at, everySecond, faultsWith, tuningWith } from './fault-worlds.ts';

const EVENTS = everySecond(400);
const DOWN = { start: at(100), end: at(160) };
const WAITS = [1, 3, 5].map((seconds) => seconds * SECOND);
const RECONCILE = 300 * SECOND;

/**
 * One event a second; the consumer is down from 100 s to 160 s. The sender retries 1, 4 and
 * 9 s after the first try, then drops the event.
 */
function runGivingUp(strategy: string) {
  const world = buildTestWorld(EVENTS, { end: at(400) });
  return runStrategy(strategy, world, {
    latency: constant(0),
    tuning: tuningWith({
      reconcileMs: RECONCILE,
      retry: { scheduleMs: WAITS, jitter: 0 },
    }),
    faults: faultsWith({ consumer: { downtime: [DOWN] } }),
  });
}

/** Events whose first try and every retry fall while the consumer is down. */
function expectedLost(): number {
  const offsets = [0];
  for (const wait of WAITS) offsets.push((offsets.at(-1) ?? 0) + wait);

  const down = (time: number) => time >= DOWN.start && time < DOWN.end;
  return EVENTS.filter((event) => offsets.every((offset) => down(event.time + offset))).length;
}

describe('webhooks that give up', () => {
  const result = runGivingUp('webhook');

  it('loses every event retried only while down', () => {
    expect(result.events.lost).toBe(expectedLost());
  });

  it('loses about 50 events', () => {
    expect(expectedLost()).toBe(51);
  });

  it('retries three times per lost event', () => {
    expect(result.retries).toBeGreaterThanOrEqual(3 * expectedLost());
  });
});

describe('webhooks with reconciliation polls', () => {
  const result = runGivingUp('hybrid');

  it('loses no event', () => {
    expect(result.events.lost).toBe(0);
    expect(result.events.notified).toBe(EVENTS.length);
  });

  it('delays no event past one reconciliation interval', () => {
    expect(result.latencyMs.max).toBeLessThanOrEqual(RECONCILE);
  });

  it('catches up by polling', () => {
    expect(result.latencyMs.max).toBeGreaterThan(60 * SECOND);
  });
});
