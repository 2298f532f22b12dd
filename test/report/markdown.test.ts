import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderSweepMarkdown } from '../../src/report/markdown.ts';
import { POLL_RESULT, sampleReport, WEBHOOK_RESULT } from './sample-report.ts';
import { sampleSweep } from './sample-sweep.ts';

/** Returns the lines of the Markdown tables in `text`. */
function tableLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('|'));
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleReport([POLL_RESULT, WEBHOOK_RESULT]));
  const table = tableLines(markdown);

  it('describes the run first', () => {
    expect(markdown.split('\n')[0]).toBe(
      'sample: sim run, seed 4, 5 events, 2 consumers, interval 3m, latency 50ms',
    );
  });

  it('heads the table', () => {
    expect(table[0]).toBe(
      '| strategy | requests | wasted | deliveries | mean | p50 | p99 | max | missed | bytes | ' +
        'peak/s |',
    );
  });

  it('aligns numbers right', () => {
    expect(table[1]).toBe(
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
  });

  it('formats the poll row', () => {
    expect(table[2]).toBe(
      '| poll | 100 | 90 (90.0%) | 0 | 1.5 min | 1.4 min | 2.97 min | 2.98 min | 0 of 10 | ' +
        '36 kB | 1 |',
    );
  });

  it('ends with the summary', () => {
    expect(markdown.trimEnd().split('\n').at(-1)).toMatch(/^With poll, consumers made 100 calls/);
  });

  it('escapes a pipe in a cell', () => {
    const odd = renderMarkdown(sampleReport([{ ...POLL_RESULT, strategy: 'a|b' }]));

    expect(tableLines(odd)[2]?.startsWith('| a\\|b |')).toBe(true);
  });
});

describe('renderSweepMarkdown', () => {
  const markdown = renderSweepMarkdown(sampleSweep());
  const table = tableLines(markdown);

  it('describes the sweep first', () => {
    expect(markdown.split('\n')[0]).toBe(
      'sample: sim sweep of --interval from 1m to 10m, 2 points with linear spacing, seed 4',
    );
  });

  it('heads the value column', () => {
    expect(table[0]?.startsWith('| interval | strategy | requests | wasted |')).toBe(true);
  });

  it('has a row per point and strategy', () => {
    expect(table).toHaveLength(6);
  });

  it('repeats the value on each row', () => {
    expect(table[5]?.startsWith('| 10m | webhook | 0 | - |')).toBe(true);
  });
});
