import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatPercent, wrap } from '../../src/report/format.ts';

describe('formatDuration', () => {
  const cases: readonly [number, string][] = [
    [0, '0 ms'],
    [0.25, '0.25 ms'],
    [50, '50 ms'],
    [12_345, '12.3 s'],
    [90_000, '1.5 min'],
    [2.4 * 3_600_000, '2.4 h'],
    [1.2 * 86_400_000, '1.2 d'],
  ];

  for (const [ms, text] of cases) {
    it(`formats ${ms} ms`, () => {
      expect(formatDuration(ms)).toBe(text);
    });
  }
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});

describe('formatPercent', () => {
  it('keeps one decimal', () => {
    expect(formatPercent(0.951)).toBe('95.1%');
  });
});

describe('wrap', () => {
  it('breaks at spaces', () => {
    expect(wrap('one two three four', 9)).toBe('one two\nthree\nfour');
  });

  it('keeps a long word whole', () => {
    expect(wrap('incomprehensibilities ok', 5)).toBe('incomprehensibilities\nok');
  });
});
