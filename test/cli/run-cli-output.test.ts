import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import { COMMON_OPTIONS } from '../../src/cli/common-options.ts';
import { flagOf } from '../../src/model/option-values.ts';
import { runCommand } from './cli-harness.ts';

/** Reads the strategy name from the first cell of each table body row. */
/** The rows of the first table, the main one, without its head. */
function strategyCells(table: string): string[] {
  const lines = table.split('\n');
  return lines
    .slice(
      0,
      lines.findIndex((line) => line.startsWith('└')),
    )
    .filter((line) => line.startsWith('│'))
    .slice(1)
    .map((line) => line.split('│')[1]?.trim() ?? '');
}

describe('table output', () => {
  it('prints a row per strategy', async () => {
    const { code, stdout } = await runCommand(['bullpen']);

    expect(code).toBe(0);
    expect(strategyCells(stdout)).toEqual(['poll', 'webhook']);
  });

  it('prints the summary sentence', async () => {
    const { stdout } = await runCommand(['bullpen']);

    expect(stdout.replace(/\s+/g, ' ')).toMatch(
      /With poll, consumers made [\d,]+ calls, of which .* while with webhook they made none/,
    );
  });

  it('writes nothing to stderr', async () => {
    expect((await runCommand(['bullpen'])).stderr).toBe('');
  });

  it('runs only chosen strategies', async () => {
    const { stdout } = await runCommand(['bullpen', '--strategies', 'webhook']);

    expect(strategyCells(stdout)).toEqual(['webhook']);
  });
});

const LATENCY_KEYS = ['mean', 'p50', 'p95', 'p99', 'max'];
const EVENT_KEYS = [
  'total',
  'notified',
  'missed',
  'lost',
  'duplicates',
  'duplicatesDropped',
  'outOfOrder',
];
const RESULT_KEYS = [
  'strategy',
  'requests',
  'wastedRequests',
  'deliveries',
  'failedDeliveries',
  'retries',
  'resets',
  'bytes',
  'peakPerSecond',
  'peakPer100ms',
  'peakToMean',
  'latencyMs',
  'events',
];

describe('json output', () => {
  it('prints one JSON object', async () => {
    const { code, stdout } = await runCommand(['poisson', '--json', '--seed', '3']);

    // JSON.parse rejects anything after the first value, so this proves there is only one.
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toBeTypeOf('object');
  });

  it('names the run', async () => {
    const report = JSON.parse((await runCommand(['poisson', '--json', '--seed', '3'])).stdout);

    expect(report.scenario).toBe('poisson');
    expect(report.mode).toBe('sim');
    expect(report.seed).toBe(3);
    expect(report.options.rate).toBe('1/min');
  });

  it('has every result field', async () => {
    const report = JSON.parse((await runCommand(['poisson', '--json'])).stdout);

    for (const result of report.results) {
      expect(Object.keys(result)).toEqual(RESULT_KEYS);
      expect(Object.keys(result.latencyMs)).toEqual(LATENCY_KEYS);
      expect(Object.keys(result.events)).toEqual(EVENT_KEYS);
    }
  });

  it('has a result per strategy', async () => {
    const report = JSON.parse((await runCommand(['poisson', '--json'])).stdout);

    expect(report.results.map((result: { strategy: string }) => result.strategy)).toEqual([
      'poll',
      'webhook',
    ]);
  });
});

describe('list', () => {
  it('lists the built-in scenarios', async () => {
    const { code, stdout } = await runCommand(['list']);
    const names = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(' ')[0]);

    expect(code).toBe(0);
    expect(names).toEqual([
      'bullpen',
      'earthquakes',
      'email-events',
      'file-sync',
      'inbound-email',
      'poisson',
      'releases',
      'repo-merges',
      'sms',
      'trace',
      'weather-alerts',
    ]);
  });
});

describe('help', () => {
  it('lists every common option', async () => {
    const { code, stdout } = await runCommand(['--help']);

    expect(code).toBe(0);
    for (const option of COMMON_OPTIONS) expect(stdout).toContain(option.flag);
  });

  it('shows common defaults', async () => {
    // Help wraps long lines, so compare with whitespace collapsed.
    const help = (await runCommand(['--help'])).stdout.replace(/\s+/g, ' ');

    for (const option of COMMON_OPTIONS) {
      if (option.default !== undefined) expect(help).toContain(`[default: ${option.default}]`);
    }
  });

  it('shows scenario options with defaults', async () => {
    const help = (await runCommand(['bullpen', '--help'])).stdout.replace(/\s+/g, ' ');

    for (const [key, spec] of Object.entries(bullpen.options ?? {})) {
      expect(help).toContain(flagOf(key));
      expect(help).toContain(`[default: ${String(spec.default)}]`);
    }
  });

  it("shows the scenario's own defaults", async () => {
    const help = (await runCommand(['bullpen', '--help'])).stdout.replace(/\s+/g, ' ');

    expect(help).toMatch(/--interval DURATION .*\[default: 3m\]/);
    expect(help).toMatch(/--duration DURATION .*\[default: 3h\]/);
  });

  it('marks required options', async () => {
    const help = (await runCommand(['trace', '--help'])).stdout.replace(/\s+/g, ' ');

    expect(help).toContain('--file PATH');
    expect(help).toContain('(required)');
  });
});

const traces = fileURLToPath(new URL('../../../shared/traces/', import.meta.url));

describe.skipIf(!existsSync(traces))('trace replay (needs ../shared/traces)', () => {
  it('replays a real trace', async () => {
    const file = `${traces}npm_express_release_tags.csv`;
    const { code, stdout } = await runCommand(['trace', '--file', file, '--json']);
    const report = JSON.parse(stdout);

    expect(code).toBe(0);
    expect(report.world.events).toBe(304);
  });
});
