import { describe, expect, it } from 'vitest';
import type { BenchmarkEntry } from '../../bench/compare.ts';
import { compareReports, parseReport } from '../../bench/compare.ts';

const TOLERANCE = 0.2;

function ratio(value: number, extra = 'median of 4 samples; bigger is better'): BenchmarkEntry {
  return {
    name: 'poll producer / bare fastify route: 100 connections x 2 s',
    unit: 'ratio',
    value,
    extra,
  };
}

function rate(value: number): BenchmarkEntry {
  return { name: 'poll producer: 100 connections x 2 s', unit: 'requests/s', value };
}

function model(value: number, extra = 'wasted 874 (95.5%)'): BenchmarkEntry {
  return { name: 'scenario bullpen / poll: requests', unit: 'requests', value, extra };
}

function verdictOf(saved: BenchmarkEntry, current: BenchmarkEntry) {
  return compareReports([saved], [current], TOLERANCE).entries[0]?.verdict;
}

describe('compareReports ratios', () => {
  it('fails a fall past tolerance', () => {
    const comparison = compareReports([ratio(1)], [ratio(0.79)], TOLERANCE);

    expect(comparison.entries[0]?.verdict).toBe('regressed');
    expect(comparison.failed).toBe(true);
  });

  it('passes a fall within tolerance', () => {
    const comparison = compareReports([ratio(1)], [ratio(0.81)], TOLERANCE);

    expect(comparison.entries[0]?.verdict).toBe('within tolerance');
    expect(comparison.failed).toBe(false);
  });

  it('passes a rise', () => {
    expect(verdictOf(ratio(1), ratio(1.5))).toBe('improved');
  });

  it('reads smaller is better', () => {
    const extra = 'median of 4 samples; smaller is better';

    expect(verdictOf(ratio(1, extra), ratio(1.3, extra))).toBe('regressed');
  });

  it('reports the relative change', () => {
    const change = compareReports([ratio(0.8)], [ratio(0.6)], TOLERANCE).entries[0]?.change;

    expect(change).toBeCloseTo(-0.25, 12);
  });
});

describe('compareReports absolute figures', () => {
  it('never gate a rate', () => {
    const comparison = compareReports([rate(50_000)], [rate(5_000)], TOLERANCE);

    expect(comparison.entries[0]?.verdict).toBe('not gated');
    expect(comparison.failed).toBe(false);
  });
});

describe('compareReports scenario figures', () => {
  it('fail a changed value', () => {
    expect(verdictOf(model(915), model(916))).toBe('changed');
  });

  it('fail a changed count text', () => {
    expect(verdictOf(model(915), model(915, 'wasted 873 (95.4%)'))).toBe('changed');
  });

  it('pass an identical figure', () => {
    expect(verdictOf(model(915), model(915))).toBe('unchanged');
  });
});

describe('compareReports names', () => {
  it('fails with nothing in common', () => {
    expect(compareReports([ratio(1)], [rate(1)], TOLERANCE).failed).toBe(true);
  });

  it('lists names only saved', () => {
    const comparison = compareReports([ratio(1), rate(1)], [ratio(1)], TOLERANCE);

    expect(comparison.onlySaved).toEqual([rate(1).name]);
  });

  it('lists names only current', () => {
    const comparison = compareReports([ratio(1)], [ratio(1), model(3)], TOLERANCE);

    expect(comparison.onlyCurrent).toEqual([model(3).name]);
  });
});

describe('parseReport', () => {
  it('reads a saved array', () => {
    const text = JSON.stringify([ratio(0.9), rate(100)]);

    expect(parseReport(text, 'saved.json')).toEqual([ratio(0.9), rate(100)]);
  });

  it('rejects a non-array', () => {
    expect(() => parseReport('{}', 'saved.json')).toThrow('must be a JSON array');
  });

  it('rejects an entry without value', () => {
    const text = JSON.stringify([{ name: 'x', unit: 'ratio' }]);

    expect(() => parseReport(text, 'saved.json')).toThrow('entry 0');
  });

  it('rejects invalid JSON', () => {
    expect(() => parseReport('[', 'saved.json')).toThrow('not valid JSON');
  });
});
