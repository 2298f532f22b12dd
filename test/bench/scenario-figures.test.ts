import { beforeAll, describe, expect, it } from 'vitest';
import { toEntry } from '../../bench/report.ts';
import type { ScenarioFigures } from '../../bench/scenarios.ts';
import { benchScenarios } from '../../bench/scenarios.ts';
import { TRACE_COLUMNS, traceCsv } from '../../bench/trace-file.ts';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { STRATEGIES } from '../../src/strategies/index.ts';

describe('benchScenarios', () => {
  let figures: ScenarioFigures;

  beforeAll(async () => {
    figures = await benchScenarios();
  }, 120_000);

  it('covers every registered scenario', () => {
    const covered = new Set([
      ...figures.rows.map((row) => row.scenario),
      ...figures.skipped.map((skip) => skip.scenario),
    ]);

    expect([...covered].sort()).toEqual(Object.keys(BUILT_IN_SCENARIOS).sort());
  });

  it('runs every strategy per scenario', () => {
    const ran = new Set(figures.rows.map((row) => row.scenario));

    for (const scenario of ran) {
      const strategies = figures.rows.filter((row) => row.scenario === scenario);
      expect(strategies.map((row) => row.strategy)).toEqual([...STRATEGIES.keys()]);
    }
  });

  it('runs trace on the generated file', () => {
    expect(figures.onTraceFile).toContain('trace');
  });

  it('gives exact figures no range', () => {
    const entry = figures.figures[0];

    expect(entry === undefined ? 'none' : toEntry(entry).range).toBeUndefined();
  });
});

describe('traceCsv', () => {
  it('repeats exactly', () => {
    expect(traceCsv(20)).toBe(traceCsv(20));
  });

  it('writes a header and rows', () => {
    const lines = traceCsv(20).trim().split('\n');

    expect(lines[0]).toBe(TRACE_COLUMNS.join(','));
    expect(lines).toHaveLength(21);
  });
});
