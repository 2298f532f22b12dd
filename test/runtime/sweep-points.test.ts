import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import poisson from '../../scenarios/poisson.ts';
import { planSweep } from '../../src/runtime/sweep-points.ts';

const texts = (sweep: string, steps?: string, spacing?: string) =>
  planSweep(poisson, { sweep, steps, spacing }).points.map((point) => point.text);

describe('sweep spacing', () => {
  it('is log over a decade', () => {
    expect(planSweep(poisson, { sweep: 'interval=30s..30m' }).spacing).toBe('log');
  });

  it('is linear within a decade', () => {
    expect(planSweep(poisson, { sweep: 'interval=30s..5m' }).spacing).toBe('linear');
  });

  it('is linear from zero', () => {
    expect(planSweep(poisson, { sweep: 'latency=0..1s' }).spacing).toBe('linear');
  });

  it('follows an explicit choice', () => {
    expect(planSweep(poisson, { sweep: 'interval=30s..30m', spacing: 'linear' }).spacing).toBe(
      'linear',
    );
  });
});

describe('sweep points', () => {
  it('spreads log points by ratio', () => {
    // 30 s times 60^(i/6), rounded to three significant digits.
    expect(texts('interval=30s..30m')).toEqual([
      '30s',
      '59.4s',
      '1.96m',
      '3.87m',
      '7.66m',
      '15.2m',
      '30m',
    ]);
  });

  it('spreads linear points by difference', () => {
    expect(texts('latency=0..200ms', '5')).toEqual(['0', '50ms', '100ms', '150ms', '200ms']);
  });

  it('keeps the ends as written', () => {
    const points = texts('interval=1234ms..5s', '3');

    expect(points[0]).toBe('1234ms');
    expect(points[2]).toBe('5s');
  });

  it('gives each point its amount', () => {
    const plan = planSweep(poisson, { sweep: 'interval=30s..30m', steps: '2' });

    expect(plan.points.map((point) => point.amount)).toEqual([30_000, 1_800_000]);
  });

  it('writes rates in readable units', () => {
    // 1/h times 600^(i/2): 1/h, 24.5/h and 10/min.
    expect(texts('rate=1/h..10/min', '3')).toEqual(['1/h', '24.5/h', '10/min']);
  });

  it('counts rates per second', () => {
    const plan = planSweep(poisson, { sweep: 'rate=1/s..10/s', steps: '2' });

    expect(plan.points.map((point) => point.amount)).toEqual([1, 10]);
  });

  it('rounds counts and drops repeats', () => {
    // 1 times 10^(i/6) is 1, 1.47, 2.15, 3.16, 4.64, 6.81 and 10.
    expect(texts('consumers=1..10', '7', 'log')).toEqual(['1', '2', '3', '5', '7', '10']);
  });

  it('spreads fractions linearly', () => {
    expect(texts('loss=0..0.5', '3')).toEqual(['0', '0.25', '0.5']);
  });

  it('defaults to seven steps', () => {
    expect(texts('interval=1m..2m')).toHaveLength(7);
  });

  it('finds scenario options', () => {
    const plan = planSweep(bullpen, { sweep: 'games=1..5', steps: '5' });

    expect(plan.points.map((point) => point.text)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('sweep option errors', () => {
  const reject = (sweep: string, steps?: string, spacing?: string) => () =>
    planSweep(poisson, { sweep, steps, spacing });

  it('rejects a reversed range', () => {
    expect(reject('interval=30m..30s')).toThrow(
      "--sweep must be a range that starts below its end, such as interval=30s..30m, got 'interval=30m..30s'",
    );
  });

  it('rejects an empty range', () => {
    expect(reject('interval=30s..30s')).toThrow('a range that starts below its end, got');
  });

  it('rejects zero steps', () => {
    expect(reject('interval=30s..30m', '0')).toThrow(
      "--steps must be a whole number from 2 to 100, such as 2, got '0'",
    );
  });

  it('rejects an unknown spacing', () => {
    expect(reject('interval=30s..30m', undefined, 'cubic')).toThrow(
      "--spacing must be 'log' or 'linear', got 'cubic'",
    );
  });

  it('rejects log spacing from zero', () => {
    expect(reject('latency=0..1s', undefined, 'log')).toThrow(
      'because a log scale needs a start above zero',
    );
  });

  it('rejects a missing range', () => {
    expect(reject('interval')).toThrow('--sweep must be NAME=FROM..TO');
  });

  it('rejects a rate for a duration', () => {
    expect(reject('interval=1/min..1/s')).toThrow(
      'a range of durations such as 30s..30m for this setting',
    );
  });

  it('rejects a fraction for a count', () => {
    expect(reject('consumers=1.5..3')).toThrow('a range of whole numbers such as 1..100');
  });
});
