import { describe, expect, it } from 'vitest';
import { PollVsPushError } from '../../src/errors.ts';
import { checkScenarioKnobs, placeFaults, resolveKnobs } from '../../src/runtime/knobs.ts';
import { SVIX_SCHEDULE_MS } from '../../src/strategies/tuning.ts';

describe('strategy options', () => {
  it('keep the defaults when absent', () => {
    const { tuning } = resolveKnobs({});
    expect(tuning.retry.scheduleMs).toEqual(SVIX_SCHEDULE_MS);
    expect(tuning.dedupe).toBe(true);
  });

  it('read a retry schedule', () => {
    const { tuning } = resolveKnobs({ retrySchedule: '1s, 4s,9s' });
    expect(tuning.retry.scheduleMs).toEqual([1_000, 4_000, 9_000]);
  });

  it('read an empty retry schedule', () => {
    expect(resolveKnobs({ retrySchedule: 'none' }).tuning.retry.scheduleMs).toEqual([]);
  });

  it('read dedupe off', () => {
    expect(resolveKnobs({ dedupe: 'off' }).tuning.dedupe).toBe(false);
  });

  it('reject an unknown jitter mode', () => {
    expect(() => resolveKnobs({ backoffJitter: 'wild' })).toThrow(
      "--backoff-jitter must be one of 'none', 'full', 'equal', 'decorrelated', got 'wild'",
    );
  });
});

describe('fault options', () => {
  it('read spans of downtime', () => {
    const { faults } = resolveKnobs({ downtime: '100s..160s,2h..3h' });
    expect(faults.consumer.downtime).toEqual([
      { start: 100_000, end: 160_000 },
      { start: 7_200_000, end: 10_800_000 },
    ]);
  });

  it('reject a span that ends first', () => {
    expect(() => resolveKnobs({ outage: '5m..1m' })).toThrow(PollVsPushError);
  });

  it('read a rate limit with a bare unit', () => {
    const { faults } = resolveKnobs({ rateLimit: '10/min' });
    expect(faults.producer.rateLimit).toBe(10);
    expect(faults.producer.rateLimitWindowMs).toBe(60_000);
  });

  it('read a rate limit with a span', () => {
    expect(resolveKnobs({ rateLimit: '1/10s' }).faults.producer.rateLimitWindowMs).toBe(10_000);
  });

  it('reject a loss above one', () => {
    expect(() => resolveKnobs({ loss: '2' })).toThrow(
      "--loss must be a number from 0 to 1, got '2'",
    );
  });

  it('place times after the window start', () => {
    const { faults } = resolveKnobs({ downtime: '1s..2s', streamDrops: '5s' });
    const placed = placeFaults(faults, 1_000_000);
    expect(placed.consumer.downtime).toEqual([{ start: 1_001_000, end: 1_002_000 }]);
    expect(placed.producer.streamDrops).toEqual([1_005_000]);
  });
});

describe('scenario defaults', () => {
  it('accept known options', () => {
    expect(() => checkScenarioKnobs('mine', { hold: '60s' }, { loss: '0.1' })).not.toThrow();
  });

  it('reject an unknown option', () => {
    expect(() => checkScenarioKnobs('mine', { hodl: '60s' })).toThrow(
      "scenario 'mine' sets an unknown option 'hodl' in defaults.tuning",
    );
  });

  it('reject a fault among strategy options', () => {
    expect(() => checkScenarioKnobs('mine', { loss: '0.1' })).toThrow(PollVsPushError);
  });
});
