import { describe, expect, it } from 'vitest';
import { runCommand } from './cli-harness.ts';

const BULLPEN = ['bullpen', '--games', '3'];

describe('cost output', () => {
  it('leaves costs out by default', async () => {
    const { stdout } = await runCommand(BULLPEN);

    expect(stdout).not.toContain('cost/day');
  });

  it('adds a cost table', async () => {
    const { code, stdout } = await runCommand([...BULLPEN, '--cost-preset', 'aws-lambda']);

    expect(code).toBe(0);
    expect(stdout).toContain('Cost in US dollars at the aws-lambda prices of 0.2/M per request');
    expect(stdout).toMatch(
      /│ strategy │ requests\/day │ deliveries\/day │\s+cost\/day │\s+cost\/month │/,
    );
  });

  it('ends with the break-even', async () => {
    const { stdout } = await runCommand([...BULLPEN, '--cost-preset', 'aws-lambda']);
    const lines = stdout.trimEnd().split('\n');
    const sentence = lines.slice(-3).join(' ');

    expect(sentence).toMatch(/^Break-even: poll and webhook cost the same at /);
  });

  it('adds cost to each JSON result', async () => {
    const { stdout } = await runCommand([
      ...BULLPEN,
      '--json',
      '--cost-per-request',
      '1/M',
      '--cost-per-delivery',
      '2/M',
    ]);
    const report = JSON.parse(stdout) as {
      results: { requests: number; cost: { requests: number; perDay: number } }[];
      prices: { preset: string | null; perRequest: number };
      breakEven: { state: string };
    };
    const poll = report.results[0];

    expect(poll?.cost.requests).toBeCloseTo((poll?.requests ?? 0) * 1e-6, 15);
    // The bullpen's window is 3 hours, so a day is eight windows.
    expect(poll?.cost.perDay).toBeCloseTo((poll?.requests ?? 0) * 8e-6, 15);
    expect(report.prices.preset).toBeNull();
    expect(report.breakEven.state).toBe('found');
  });

  it('keeps JSON without prices', async () => {
    const { stdout } = await runCommand([...BULLPEN, '--json']);
    const report = JSON.parse(stdout) as { results: object[]; prices?: unknown };

    expect(report.prices).toBeUndefined();
    expect(report.results[0]).not.toHaveProperty('cost');
  });
});

describe('cost errors', () => {
  it('rejects a negative price', async () => {
    const run = await runCommand([
      ...BULLPEN,
      '--cost-per-request=-0.4/M',
      '--cost-per-delivery',
      '0',
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--cost-per-request must be a price of zero or more');
    expect(run.stderr).toContain("got '-0.4/M'");
  });

  it('rejects a malformed price', async () => {
    const run = await runCommand([
      ...BULLPEN,
      '--cost-per-request',
      '0.4/m',
      '--cost-per-delivery',
      '0',
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('0.40/M (0.40 per million');
    expect(run.stderr).toContain("got '0.4/m'");
  });

  it('rejects an unknown preset', async () => {
    const run = await runCommand([...BULLPEN, '--cost-preset', 'azure']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown price list 'azure'; known presets: aws-lambda");
  });

  it('rejects costs with --compare', async () => {
    const run = await runCommand([...BULLPEN, '--compare', '--cost-preset', 'aws-lambda']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not to --compare');
  });
});
