import { describe, expect, it } from 'vitest';
import { runCommand } from './cli-harness.ts';

const SWEEP = [
  ...['bullpen', '--strategies', 'poll,webhook', '--sweep', 'interval=1m..30m', '--steps', '3'],
  ...['--threads', '0', '--cost-per-request', '2/M', '--cost-per-delivery', '5/M'],
];

interface PricedResult {
  readonly requests: number;
  readonly deliveries: number;
  readonly cost: { readonly total: number; readonly perMonth: number };
}

interface PricedSweep {
  readonly prices: { readonly perRequest: number; readonly perDelivery: number };
  readonly points: readonly {
    readonly world: { readonly windowStart: string; readonly windowEnd: string };
    readonly results: readonly PricedResult[];
  }[];
}

describe('costed sweep', () => {
  it('prices each result', async () => {
    const sweep = JSON.parse((await runCommand([...SWEEP, '--json'])).stdout) as PricedSweep;
    const results = sweep.points.flatMap((point) => point.results);

    for (const result of results) {
      expect(result.cost.total).toBeCloseTo(result.requests * 2e-6 + result.deliveries * 5e-6, 12);
    }
  });

  it('scales each point to a month', async () => {
    const sweep = JSON.parse((await runCommand([...SWEEP, '--json'])).stdout) as PricedSweep;

    for (const point of sweep.points) {
      const window = Date.parse(point.world.windowEnd) - Date.parse(point.world.windowStart);
      for (const result of point.results) {
        expect(result.cost.perMonth).toBeCloseTo((result.cost.total * 30 * 86_400_000) / window);
      }
    }
  });

  it('adds a table column', async () => {
    const run = await runCommand(SWEEP);

    expect(run.stdout).toMatch(/│ cost\/month │/);
    expect(run.stdout).toContain('Cost at 2/M per request and 5/M per delivery');
  });

  it('adds CSV columns', async () => {
    const run = await runCommand([...SWEEP, '--csv']);

    expect(run.stdout.split('\n')[0]).toMatch(/,cost_total,cost_per_month$/);
  });

  it('adds a Markdown column', async () => {
    const run = await runCommand([...SWEEP, '--markdown']);

    expect(run.stdout).toMatch(/\| cost\/month \|/);
  });

  it('leaves plain sweeps alone', async () => {
    const run = await runCommand(SWEEP.slice(0, 10));

    expect(run.stdout).not.toContain('cost');
  });
});
