import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/engine/distributions.ts';
import { constant } from '../../src/engine/distributions.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';
import { everySecond, faultsWith, tuningWith } from './fault-worlds.ts';

const HOUR = 3_600_000;
const HOURS_LATE: Distribution = { kind: 'lognormal', mean: 3 * HOUR, sd: HOUR };

/**
 * 100 events; the emitter sends each one to four times (each of three extra copies with
 * chance one half), and the copies come hours late.
 */
function runDuplicates(dedupe: boolean) {
  return runStrategy('webhook', buildTestWorld(everySecond(100)), {
    latency: constant(50),
    tuning: tuningWith({ dedupe }),
    faults: faultsWith({ emitter: { duplicateRate: 0.5, lateCopy: HOURS_LATE } }),
  });
}

describe('an emitter that sends duplicates', () => {
  const deduped = runDuplicates(true);
  const applied = runDuplicates(false);

  it('sends between one and four copies', () => {
    expect(deduped.deliveries).toBeGreaterThan(100);
    expect(deduped.deliveries).toBeLessThanOrEqual(400);
  });

  it('sends about 2.5 copies per event', () => {
    // Each event has 1 + Binomial(3, 0.5) copies: mean 2.5, variance 0.75 per event.
    const standardError = Math.sqrt((100 * 0.75) / 100 ** 2);
    expect(Math.abs(deduped.deliveries / 100 - 2.5)).toBeLessThan(4 * standardError);
  });

  it('performs exactly 100 side effects', () => {
    expect(deduped.events.notified).toBe(100);
    expect(deduped.events.duplicates).toBe(0);
  });

  it('reports the copies it dropped', () => {
    expect(deduped.events.duplicatesDropped).toBe(deduped.deliveries - 100);
  });

  it('applies copies again without deduplication', () => {
    expect(applied.events.duplicates).toBe(applied.deliveries - 100);
  });

  it('keeps the first copy on time', () => {
    expect(deduped.latencyMs.max).toBeLessThan(SECOND);
  });
});
