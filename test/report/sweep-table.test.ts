import { describe, expect, it } from 'vitest';
import { renderSweepTable } from '../../src/report/sweep-table.ts';
import { sampleSweep } from './sample-sweep.ts';

/**
 * The table's body rows, head left out, as arrays of trimmed cells. A line that starts with a
 * border but contains `├` is the rule between the rows of a value that spans them.
 */
function rows(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.startsWith('│') && !line.includes('├'))
    .slice(1)
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('renderSweepTable', () => {
  const table = renderSweepTable(sampleSweep());
  const body = rows(table);

  it('titles the sweep', () => {
    expect(table.split('\n')[0]).toBe(
      'sample: sim sweep of --interval from 1m to 10m, 2 points with linear spacing, seed 4',
    );
  });

  it('lists the shared settings', () => {
    expect(table.split('\n')[1]).toBe('Every point: 5 events, 2 consumers, latency 50ms.');
  });

  it('shows a row per point and strategy', () => {
    expect(body.map((cells) => cells[1])).toEqual(['poll', 'webhook', 'poll', 'webhook']);
  });

  it('shows each value once', () => {
    expect(body.map((cells) => cells[0])).toEqual(['1m', '', '10m', '']);
  });

  it('shows the wasted share', () => {
    expect(body[2]?.[3]).toBe('20.0%');
  });

  it('shows a dash without requests', () => {
    expect(body[1]?.[3]).toBe('-');
  });

  it('shows mean and p99 latency', () => {
    expect(body[0]?.slice(5, 7)).toEqual(['1.5 min', '2.97 min']);
  });

  it('explains how to rerun a point', () => {
    expect(table).toContain('a plain run with --interval set to a');
  });
});
