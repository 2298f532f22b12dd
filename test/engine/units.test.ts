import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/engine/distributions.ts';
import { parseDistribution, parseDuration, parseRate } from '../../src/engine/units.ts';

const MINUTE = 60_000;

describe('parseDuration', () => {
  const valid: readonly [string, number][] = [
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1.5h', 5_400_000],
    ['0', 0],
  ];

  for (const [text, ms] of valid) {
    it(`reads '${text}'`, () => {
      expect(parseDuration(text)).toBe(ms);
    });
  }

  for (const text of ['-5', '5', '5x', '']) {
    it(`rejects '${text}'`, () => {
      expect(parseDuration(text)).toBeUndefined();
    });
  }
});

describe('parseRate', () => {
  it("reads '0.5/s'", () => {
    expect(parseRate('0.5/s')).toBe(0.5 / 1_000);
  });

  it("reads '1/min'", () => {
    expect(parseRate('1/min')).toBe(1 / MINUTE);
  });

  it("reads '30/h'", () => {
    expect(parseRate('30/h')).toBe(30 / 3_600_000);
  });

  for (const text of ['2', '1/x', '-1/s', '']) {
    it(`rejects '${text}'`, () => {
      expect(parseRate(text)).toBeUndefined();
    });
  }
});

function parse(text: string): Distribution {
  return parseDistribution(text, parseDuration);
}

describe('parseDistribution forms', () => {
  it('reads a constant', () => {
    expect(parse('20ms')).toEqual({ kind: 'constant', value: 20 });
  });

  it('reads uniform', () => {
    expect(parse('uniform(10ms, 30ms)')).toEqual({ kind: 'uniform', min: 10, max: 30 });
  });

  it('reads exp', () => {
    expect(parse('exp(20ms)')).toEqual({ kind: 'exponential', mean: 20 });
  });

  it('reads exponential', () => {
    expect(parse('exponential(2s)')).toEqual({ kind: 'exponential', mean: 2_000 });
  });

  it('reads normal', () => {
    expect(parse('normal(10m, 1m)')).toEqual({ kind: 'normal', mean: 10 * MINUTE, sd: MINUTE });
  });

  it('reads lognormal', () => {
    expect(parse('lognormal(50ms, 20ms)')).toEqual({ kind: 'lognormal', mean: 50, sd: 20 });
  });

  it('reads a truncated normal', () => {
    expect(parse('normal(10m, 1m)[8m, 12m]')).toEqual({
      kind: 'normal',
      mean: 10 * MINUTE,
      sd: MINUTE,
      range: { min: 8 * MINUTE, max: 12 * MINUTE },
    });
  });

  it('ignores spaces and case', () => {
    expect(parse(' Uniform( 1s ,2s ) ')).toEqual({ kind: 'uniform', min: 1_000, max: 2_000 });
  });
});

describe('parseDistribution errors', () => {
  const cases: readonly [string, string][] = [
    ['fast', 'it is neither a value nor a distribution'],
    ['gamma(1s, 2s)', "'gamma' is not a known distribution"],
    ['normal(1s)', 'normal takes 2 value(s), got 1'],
    ['exp(1s, 2s)', 'exp takes 1 value(s), got 2'],
    ['uniform(1s, soon)', "'soon' is not a valid value"],
    ['uniform(2s, 1s)', 'uniform(min, max) needs min <= max'],
    ['exp(0)', 'exp(mean) needs a mean above zero'],
    ['lognormal(0, 1s)', 'lognormal(mean, sd) needs a mean above zero'],
    ['normal(10m, 1m)[8m]', 'a range takes two values, [min, max]'],
    ['normal(10m, 1m)[12m, 8m]', 'a range must have its min at or below its max'],
    ['normal(10m, 1m)[8m, later]', "'later' is not a valid value"],
  ];

  for (const [text, message] of cases) {
    it(`rejects '${text}'`, () => {
      expect(() => parse(text)).toThrow(message);
    });
  }
});
