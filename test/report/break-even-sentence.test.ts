import { describe, expect, it } from 'vitest';
import { describeBreakEven } from '../../src/report/cost.ts';

const FOUND = {
  state: 'found',
  polling: 'poll',
  push: 'webhook',
  eventsPerDay: 8_640,
  runEventsPerDay: 2_880,
  cheaperBelow: 'webhook',
  cheaperAbove: 'poll',
  intervalMs: 180_000,
} as const;

describe('describeBreakEven', () => {
  it('states rate and interval', () => {
    expect(describeBreakEven(FOUND)).toBe(
      'Break-even: poll and webhook cost the same at 6 events a minute (this run: 2 events a ' +
        'minute), so webhook costs less below that rate and poll above it, and at this run' +
        "'s rate they cost the same with polls 3 min apart.",
    );
  });

  it('drops a missing interval', () => {
    const sentence = describeBreakEven({ ...FOUND, intervalMs: null });

    expect(sentence).toMatch(/and poll above it\.$/);
  });

  it('writes slow rates per hour', () => {
    const sentence = describeBreakEven({ ...FOUND, eventsPerDay: 48, runEventsPerDay: 0.5 });

    expect(sentence).toContain('at 2 events an hour (this run: 0.5 events a day)');
  });

  it('names a strategy cheaper always', () => {
    const sentence = describeBreakEven({
      ...FOUND,
      eventsPerDay: null,
      cheaperBelow: 'webhook',
      cheaperAbove: 'webhook',
    });

    expect(sentence).toBe(
      'Break-even: none, because webhook costs less than poll at any event rate.',
    );
  });

  it('explains a missing break-even', () => {
    const sentence = describeBreakEven({ state: 'none', reason: "the run's window has no length" });

    expect(sentence).toBe(
      "No break-even between polling and push: the run's window has no length.",
    );
  });
});
