import { describe, expect, it } from 'vitest';
import type { StrategyResult } from '../../src/metrics/result.ts';
import { niceTicks, renderSweepChart } from '../../src/report/sweep-chart.ts';
import { renderSweepTable } from '../../src/report/sweep-table.ts';
import type { SweepReport } from '../../src/runtime/sweep.ts';
import { runCommand } from '../cli/cli-harness.ts';
import { POLL_RESULT } from './sample-report.ts';
import { sampleSweep } from './sample-sweep.ts';

/** Builds a result of `strategy` with the given mean latency and wasted requests, of 10 events. */
function result(strategy: string, meanMs: number, wasted: number, notified = 10): StrategyResult {
  return {
    ...POLL_RESULT,
    strategy,
    requests: wasted + notified,
    wastedRequests: wasted,
    latencyMs: { ...POLL_RESULT.latencyMs, mean: meanMs },
    events: { ...POLL_RESULT.events, notified, missed: 10 - notified },
  };
}

/** Builds a sweep of the interval with one point per entry: its value and its results. */
function sweepOf(points: readonly (readonly [string, StrategyResult[]])[]): SweepReport {
  const base = sampleSweep();
  const template = base.points[0]!;
  return {
    ...base,
    points: points.map(([value, results], index) => ({
      ...template,
      value,
      amount: index,
      results,
    })),
  };
}

const MIN = 60_000;

/**
 * Three interval values. Poll's latency grows as its waste falls, and long-poll learned of no
 * event at 1m. Webhook is at 50 ms with no waste at every value.
 */
const SWEEP = sweepOf([
  ['1m', [result('poll', 1.5 * MIN, 90), result('long-poll', 0, 0, 0), result('webhook', 50, 0)]],
  ['5m', [result('poll', 5 * MIN, 40), result('long-poll', MIN, 30), result('webhook', 50, 0)]],
  [
    '10m',
    [result('poll', 10 * MIN, 10), result('long-poll', 2 * MIN, 20), result('webhook', 50, 0)],
  ],
]);

/** Returns the lines of the plotting area, between the arrow of the y axis and the x axis. */
function plotRows(chart: string): string[] {
  const lines = chart.split('\n');
  const top = lines.findIndex((line) => line.includes('▲'));
  const bottom = lines.findIndex((line) => line.includes('└'));
  return lines.slice(top + 1, bottom);
}

function count(text: string, mark: string): number {
  return text.split(mark).length - 1;
}

describe('renderSweepChart', () => {
  const chart = renderSweepChart(SWEEP);
  const lines = chart.split('\n');
  const plotted = plotRows(chart).join('\n');

  it('titles the chart', () => {
    expect(lines[0]).toBe(
      'Trade-off: wasted requests against mean latency, one point per --interval value',
    );
  });

  it('draws each poll point', () => {
    expect(count(plotted, '●')).toBe(3);
  });

  it('draws each long-poll point', () => {
    expect(count(plotted, '■')).toBe(2);
  });

  it('draws the webhook point', () => {
    // Its three points share one cell.
    expect(count(plotted, '◆')).toBe(1);
  });

  it('joins the points', () => {
    expect(plotted).toContain('·');
  });

  it('names poll in the legend', () => {
    expect(lines).toContain('● poll');
  });

  it('names webhook in the legend', () => {
    expect(lines).toContain('◆ webhook');
  });

  it('names the value left out', () => {
    expect(lines).toContain(
      '■ long-poll: no point at 1m, because no event reached its consumers there.',
    );
  });

  it('labels the y axis', () => {
    expect(chart).toContain('▲ wasted requests (count)');
  });

  it('labels the x axis in minutes', () => {
    expect(chart).toContain('mean notification latency (min)');
  });

  it('ticks the x axis', () => {
    const ticks = lines[lines.findIndex((line) => line.includes('└')) + 1] ?? '';

    expect(ticks.trim().split(/ +/)).toEqual(['0', '2', '4', '6', '8', '10']);
  });

  it('ticks the y axis', () => {
    const labels = plotRows(chart)
      .map((line) => /^ *([\d,]+)┤/.exec(line)?.[1])
      .filter((label) => label !== undefined);

    expect(labels).toEqual(['100', '80', '60', '40', '20', '0']);
  });

  it('keeps lines within 100 columns', () => {
    const widths = lines.map((line) => [...line].length);

    expect(Math.max(...widths)).toBeLessThanOrEqual(100);
  });

  it('ends with a newline', () => {
    expect(chart.endsWith('\n')).toBe(true);
  });

  it('repeats byte for byte', () => {
    expect(renderSweepChart(SWEEP)).toBe(chart);
  });

  it('has no colour by default', () => {
    expect(chart).not.toContain('\u001b');
  });
});

describe('sweep chart shapes', () => {
  it('joins points in sweep order', () => {
    // Sorted by latency, the line would run 0 -> 5 min -> 10 min and never along the top row.
    const sweep = sweepOf([
      ['1m', [result('poll', 0, 100)]],
      ['2m', [result('poll', 10 * MIN, 100)]],
      ['3m', [result('poll', 5 * MIN, 0)]],
    ]);
    const top = plotRows(renderSweepChart(sweep))[0] ?? '';

    expect(top).toMatch(/●·+●$/);
  });

  it('picks milliseconds for fast runs', () => {
    const sweep = sweepOf([['1m', [result('webhook', 50, 0)]]]);

    expect(renderSweepChart(sweep)).toContain('mean notification latency (ms)');
  });

  it('picks hours for slow runs', () => {
    const sweep = sweepOf([['1m', [result('poll', 2.5 * 60 * MIN, 3)]]]);

    expect(renderSweepChart(sweep)).toContain('mean notification latency (h)');
  });

  it('notes a mark under another', () => {
    const sweep = sweepOf([['1m', [result('sse', 50, 0), result('webhook', 50, 0)]]]);
    const lines = renderSweepChart(sweep).split('\n');

    expect(lines).toContain("● sse: its mark lies under another strategy's at every point.");
  });

  it('says when nothing can be drawn', () => {
    const sweep = sweepOf([['1m', [result('webhook', 0, 0, 0)]]]);

    expect(renderSweepChart(sweep).split('\n')[1]).toBe(
      'No point to draw: no event reached a consumer at any sweep value.',
    );
  });

  it('stays narrow with huge counts', () => {
    const names = ['poll', 'poll-jitter', 'poll-backoff', 'poll-adaptive', 'poll-conditional'];
    const results = names.map((name, index) => result(name, (index + 1) * MIN, 10 ** 12 + index));
    const lines = renderSweepChart(sweepOf([['1m', results]])).split('\n');
    const widths = lines.map((line) => [...line].length);

    expect(Math.max(...widths)).toBeLessThanOrEqual(100);
  });
});

describe('niceTicks', () => {
  it('steps by 2 up to 10', () => {
    expect(niceTicks(10, 6, false)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('steps by 2.5 for latency', () => {
    expect(niceTicks(14.5, 6, false)).toEqual([0, 2.5, 5, 7.5, 10, 12.5, 15]);
  });

  it('skips 2.5 for counts', () => {
    expect(niceTicks(12, 5)).toEqual([0, 5, 10, 15]);
  });

  it('rounds a count up', () => {
    expect(niceTicks(5_374, 5)).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it('keeps small counts whole', () => {
    expect(niceTicks(3, 5)).toEqual([0, 1, 2, 3]);
  });

  it('spans 0 to 1 for zero', () => {
    expect(niceTicks(0, 5)).toEqual([0, 1]);
  });

  it('avoids rounding noise', () => {
    expect(niceTicks(0.3, 3, false)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('sweep table with chart', () => {
  it('puts the chart under the table', () => {
    const table = renderSweepTable(SWEEP);

    expect(table.indexOf('Trade-off:')).toBeGreaterThan(table.indexOf('└'));
  });
});

describe('sweep chart on the command line', () => {
  const sweep = ['poisson', '--duration', '2h', '--sweep', 'interval=1m..10m', '--steps', '3'];
  const argv = [...sweep, '--threads', '0'];

  it('draws under the table', async () => {
    const run = await runCommand(argv);

    expect(run.stdout).toContain('\nTrade-off: wasted requests against mean latency');
  });

  it('leaves JSON without a chart', async () => {
    const run = await runCommand([...argv, '--json']);

    expect(run.stdout).not.toContain('Trade-off');
  });

  it('leaves CSV without a chart', async () => {
    const run = await runCommand([...argv, '--csv']);

    expect(run.stdout).not.toContain('Trade-off');
  });

  it('leaves Markdown without a chart', async () => {
    const run = await runCommand([...argv, '--markdown']);

    expect(run.stdout).not.toContain('Trade-off');
  });
});

describe('sweep chart legend', () => {
  it('names points with missed events', async () => {
    const run = await runCommand([
      ...['bullpen', '--strategies', 'webhook', '--sweep', 'error-rate=0..1', '--steps', '3'],
      ...['--retry-schedule', 'none', '--threads', '0'],
    ]);

    // The legend wraps at 100 columns, so the check joins its lines first.
    expect(run.stdout.replaceAll('\n', ' ')).toContain('Missed events at 0.5 (20 of 45).');
  });
});
