import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/trace/load-trace.ts';

/** Real event timelines kept beside the project, never copied into it. */
const folder = fileURLToPath(new URL('../../../shared/traces/', import.meta.url));

const EARTHQUAKES = 'usgs_earthquakes_2023-03-05_2023-04-04.csv';

/** Expected row count, time column and date span of each trace file. */
const TRACES = [
  {
    name: EARTHQUAKES,
    rows: 12_569,
    timeColumn: 'time',
    from: '2023-03-05T00:00:00Z',
    to: '2023-04-05T00:00:00Z',
  },
  {
    name: 'github_apache-pinot_master_merges.csv',
    rows: 12_530,
    timeColumn: 'merged_at',
    from: '2016-06-01T00:00:00Z',
    to: '2026-09-01T00:00:00Z',
  },
  {
    name: 'npm_express_release_tags.csv',
    rows: 304,
    timeColumn: 'released_at',
    from: '2010-01-01T00:00:00Z',
    to: '2026-06-01T00:00:00Z',
  },
  {
    name: 'gharchive_2021-07-21_firehose_sample.csv',
    rows: 800,
    timeColumn: 'created_at',
    from: '2021-07-21T00:00:00Z',
    to: '2021-07-22T00:00:00Z',
  },
];

describe.skipIf(!existsSync(folder))('real traces (skipped without ../shared/traces)', () => {
  it.each(TRACES)('loads $name', async ({ name, rows, timeColumn, from, to }) => {
    const trace = await loadTrace(`${folder}${name}`);
    const times = trace.events.map((event) => event.time);

    expect(trace.events).toHaveLength(rows);
    expect(trace.timeColumn).toBe(timeColumn);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(from));
    expect(Math.max(...times)).toBeLessThan(Date.parse(to));
  });

  it('keeps earthquake fields whole', async () => {
    const trace = await loadTrace(`${folder}${EARTHQUAKES}`);
    const rows = trace.events.map((event) => event.payload as Record<string, string>);

    // The file has 443 events of magnitude 4.5 or more and 2,534 in network `av`. Matching both
    // counts shows that quoted place names with commas did not shift any field.
    expect(rows.filter((row) => Number(row.mag) >= 4.5)).toHaveLength(443);
    expect(rows.filter((row) => row.net === 'av')).toHaveLength(2_534);
  });

  it('keys earthquakes by network', async () => {
    const trace = await loadTrace(`${folder}${EARTHQUAKES}`, { keyColumn: 'net' });

    expect(trace.events.filter((event) => event.key === 'av')).toHaveLength(2_534);
  });
});
