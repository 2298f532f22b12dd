import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { summarize } from '../../src/report/summary.ts';
import { renderTable } from '../../src/report/table.ts';
import { POLL_RESULT, sampleReport, WEBHOOK_RESULT } from './sample-report.ts';

/** Splits the table's body rows, header left out, into arrays of trimmed cells. */
/** The rows of the first table, the main one, without its head. */
function rows(table: string): string[][] {
  const lines = table.split('\n');
  return lines
    .slice(
      0,
      lines.findIndex((line) => line.startsWith('└')),
    )
    .filter((line) => line.startsWith('│'))
    .slice(1)
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('renderTable', () => {
  const table = renderTable(sampleReport([POLL_RESULT, WEBHOOK_RESULT]));

  it('titles the run', () => {
    expect(table.split('\n')[0]).toBe(
      'sample: sim run, seed 4, 5 events, 2 consumers, interval 3m, latency 50ms',
    );
  });

  it('has a row per strategy', () => {
    expect(rows(table).map((cells) => cells[0])).toEqual(['poll', 'webhook']);
  });

  it('formats the poll row', () => {
    expect(rows(table)[0]).toEqual([
      'poll',
      '100',
      '90 (90.0%)',
      '0',
      '1.5 min',
      '1.4 min',
      '2.97 min',
      '2.98 min',
      '0 of 10',
    ]);
  });

  it('ends with the summary', () => {
    const flat = table.replace(/\s+/g, ' ');

    expect(flat).toContain(summarize(sampleReport([POLL_RESULT, WEBHOOK_RESULT])));
  });
});

describe('summarize', () => {
  it('compares polling with push', () => {
    expect(summarize(sampleReport([POLL_RESULT, WEBHOOK_RESULT]))).toBe(
      'With poll, consumers made 100 calls, of which 90 (90.0%) found nothing new (9 for ' +
        'each useful one), while with webhook they made none and learned of each event ' +
        'after 50 ms on average instead of 1.5 min.',
    );
  });

  it('describes polling alone', () => {
    expect(summarize(sampleReport([POLL_RESULT]))).toBe(
      'With poll, consumers made 100 calls, of which 90 (90.0%) found nothing new (9 for ' +
        'each useful one).',
    );
  });

  it('describes push alone', () => {
    expect(summarize(sampleReport([WEBHOOK_RESULT]))).toBe(
      'With webhook, consumers made no calls and the producer sent 10 deliveries, each ' +
        'arriving 50 ms after its event on average.',
    );
  });

  it('handles no strategies', () => {
    expect(summarize(sampleReport([]))).toBe('No strategy ran.');
  });
});

describe('renderJson', () => {
  it('round-trips the report', () => {
    const report = sampleReport([POLL_RESULT]);

    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('ends with one newline', () => {
    expect(renderJson(sampleReport([])).endsWith('}\n')).toBe(true);
  });
});
