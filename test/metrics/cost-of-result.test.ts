import { describe, expect, it } from 'vitest';
import { costOfResult, DAY_MS, windowLengthMs } from '../../src/metrics/cost.ts';
import { POLL_RESULT, WEBHOOK_RESULT } from '../report/sample-report.ts';

const PRICES = { perRequest: 2e-6, perDelivery: 5e-6 };

describe('costOfResult', () => {
  it('prices requests of a run', () => {
    const cost = costOfResult(POLL_RESULT, DAY_MS, PRICES);

    // 100 requests at 2e-6 each.
    expect(cost.requests).toBeCloseTo(2e-4, 15);
    expect(cost.deliveries).toBe(0);
    expect(cost.total).toBeCloseTo(2e-4, 15);
  });

  it('prices deliveries of a run', () => {
    const cost = costOfResult(WEBHOOK_RESULT, DAY_MS, PRICES);

    // 10 deliveries at 5e-6 each.
    expect(cost.deliveries).toBeCloseTo(5e-5, 15);
    expect(cost.requests).toBe(0);
  });

  it('scales a 3-hour window to a day', () => {
    const cost = costOfResult(POLL_RESULT, 3 * 3_600_000, PRICES);

    expect(cost.perDay).toBeCloseTo(8 * 2e-4, 15);
  });

  it('counts a month as 30 days', () => {
    const cost = costOfResult(POLL_RESULT, DAY_MS, PRICES);

    expect(cost.perMonth).toBeCloseTo(30 * 2e-4, 15);
  });

  it('leaves rates out for no window', () => {
    const cost = costOfResult(POLL_RESULT, 0, PRICES);

    expect(cost.perDay).toBeNull();
    expect(cost.perMonth).toBeNull();
    expect(cost.total).toBeCloseTo(2e-4, 15);
  });
});

describe('windowLengthMs', () => {
  it('measures ISO window bounds', () => {
    const length = windowLengthMs({
      windowStart: '2026-01-01T00:00:00.000Z',
      windowEnd: '2026-01-01T03:00:00.000Z',
    });

    expect(length).toBe(3 * 3_600_000);
  });
});
