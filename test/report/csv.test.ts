import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv, renderSweepCsv } from '../../src/report/csv.ts';
import { POLL_RESULT, sampleReport, WEBHOOK_RESULT } from './sample-report.ts';
import { sampleCountSweep, sampleSweep } from './sample-sweep.ts';

const lines = (csv: string) => csv.trimEnd().split('\n');
const cells = (line: string | undefined) => (line ?? '').split(',');

/** Finds the cell of data row `row` under the header `head`. */
function cellOf(csv: string, row: number, head: string): string | undefined {
  const [header, ...rows] = lines(csv);
  return cells(rows[row])[cells(header).indexOf(head)];
}

describe('renderCsv', () => {
  const csv = renderCsv(sampleReport([POLL_RESULT, WEBHOOK_RESULT]));

  it('starts with a header row', () => {
    expect(cells(lines(csv)[0])).toEqual(CSV_COLUMNS.map((column) => column.head));
  });

  it('has a row per strategy', () => {
    expect(
      lines(csv)
        .slice(1)
        .map((line) => cells(line)[0]),
    ).toEqual(['poll', 'webhook']);
  });

  it('keeps numbers unformatted', () => {
    expect(cellOf(csv, 0, 'latency_mean_ms')).toBe('90000');
  });

  it('writes shares as fractions', () => {
    expect(cellOf(csv, 0, 'wasted_share')).toBe('0.9');
  });

  it('leaves a share without requests empty', () => {
    expect(cellOf(csv, 1, 'wasted_share')).toBe('');
  });

  it('ends with a newline', () => {
    expect(csv.endsWith('0\n')).toBe(true);
  });

  it('quotes a field with a comma', () => {
    const quoted = renderCsv(sampleReport([{ ...POLL_RESULT, strategy: 'poll,"fast"' }]));

    expect(lines(quoted)[1]?.startsWith('"poll,""fast""",100,')).toBe(true);
  });

  it('adds live columns to live runs', () => {
    const live = renderCsv({ ...sampleReport([POLL_RESULT]), mode: 'live' });

    expect(cells(lines(live)[0]).at(-1)).toBe('wall_ms');
  });
});

describe('renderSweepCsv', () => {
  const csv = renderSweepCsv(sampleSweep());

  it('starts with the swept value', () => {
    expect(cells(lines(csv)[0]).slice(0, 3)).toEqual(['interval', 'interval_ms', 'strategy']);
  });

  it('has a row per point and strategy', () => {
    expect(lines(csv)).toHaveLength(5);
  });

  it('writes the value as text and number', () => {
    expect(cells(lines(csv)[3]).slice(0, 3)).toEqual(['10m', '600000', 'poll']);
  });

  it('writes each point figures', () => {
    expect(cellOf(csv, 2, 'wasted_share')).toBe('0.2');
  });

  it('writes a count once', () => {
    const counts = renderSweepCsv(sampleCountSweep());

    expect(cells(lines(counts)[1]).slice(0, 2)).toEqual(['1', 'poll']);
  });
});
