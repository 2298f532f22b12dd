import { describe, expect, it } from 'vitest';
import type { BreakEven, BreakEvenInput } from '../../src/metrics/break-even.ts';
import { findBreakEven } from '../../src/metrics/break-even.ts';
import { DAY_MS } from '../../src/metrics/cost.ts';
import type { StrategyResult } from '../../src/metrics/result.ts';
import { POLL_RESULT, WEBHOOK_RESULT } from '../report/sample-report.ts';

/** Poll sent 100 requests and webhook 10 deliveries for 10 events in one day. */
const BASE = { results: [POLL_RESULT, WEBHOOK_RESULT], windowMs: DAY_MS, events: 10 };

/** Runs findBreakEven and fails the test when it finds no pair to compare. */
function findPair(input: BreakEvenInput): Extract<BreakEven, { state: 'found' }> {
  const result = findBreakEven(input);
  if (result.state === 'none') throw new Error(`no break-even: ${result.reason}`);
  return result;
}

describe('findBreakEven', () => {
  it('crosses where both cost alike', () => {
    const found = findPair({ ...BASE, prices: { perRequest: 1, perDelivery: 2 } });

    // Poll costs 100 a day; webhook costs 2 per event, so 50 events a day cost the same.
    expect(found.eventsPerDay).toBeCloseTo(50, 9);
  });

  it('names the cheaper side below', () => {
    const found = findPair({ ...BASE, prices: { perRequest: 1, perDelivery: 2 } });

    expect(found.cheaperBelow).toBe('webhook');
    expect(found.cheaperAbove).toBe('poll');
  });

  it('solves the poll interval', () => {
    const found = findPair({
      ...BASE,
      prices: { perRequest: 1, perDelivery: 2 },
      meanIntervalMs: 60_000,
    });

    // The run's 10 events a day cost 20; polling costs 100 at 1 min, so 5 min costs 20.
    expect(found.intervalMs).toBeCloseTo(300_000, 6);
  });

  it('finds webhook cheaper with free deliveries', () => {
    const found = findPair({ ...BASE, prices: { perRequest: 1, perDelivery: 0 } });

    expect(found.eventsPerDay).toBeNull();
    expect(found.cheaperBelow).toBe('webhook');
    expect(found.cheaperAbove).toBe('webhook');
  });

  it('finds poll cheaper with free requests', () => {
    const found = findPair({ ...BASE, prices: { perRequest: 0, perDelivery: 1 } });

    expect(found.cheaperBelow).toBe('poll');
    expect(found.cheaperAbove).toBe('poll');
  });

  it('prefers webhook over other push', () => {
    const sse: StrategyResult = { ...WEBHOOK_RESULT, strategy: 'sse', requests: 1 };
    const found = findPair({
      ...BASE,
      results: [POLL_RESULT, sse, WEBHOOK_RESULT],
      prices: { perRequest: 1, perDelivery: 1 },
    });

    expect(found.push).toBe('webhook');
  });

  it('needs polling and push', () => {
    const found = findBreakEven({
      ...BASE,
      results: [WEBHOOK_RESULT],
      prices: { perRequest: 1, perDelivery: 1 },
    });

    expect(found.state).toBe('none');
  });

  it('needs a window with length', () => {
    const found = findBreakEven({
      ...BASE,
      windowMs: 0,
      prices: { perRequest: 1, perDelivery: 1 },
    });

    expect(found.state).toBe('none');
  });

  it('skips the interval for long polls', () => {
    const longPoll: StrategyResult = { ...POLL_RESULT, strategy: 'long-poll' };
    const found = findPair({
      ...BASE,
      results: [longPoll, WEBHOOK_RESULT],
      prices: { perRequest: 1, perDelivery: 2 },
      meanIntervalMs: 60_000,
    });

    expect(found.intervalMs).toBeNull();
  });
});
