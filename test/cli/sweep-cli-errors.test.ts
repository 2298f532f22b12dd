import { describe, expect, it } from 'vitest';
import type { CliRun } from './cli-harness.ts';
import { runCommand } from './cli-harness.ts';

/** Runs a command that must fail with a usage error, and returns its one line without prefix. */
async function usageError(argv: readonly string[]): Promise<string> {
  const run: CliRun = await runCommand(argv);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^poll-vs-push: [^\n]+\n$/);
  return run.stderr.slice('poll-vs-push: '.length, -1);
}

describe('sweep usage errors', () => {
  it('rejects a reversed range', async () => {
    expect(await usageError(['bullpen', '--sweep', 'interval=30m..30s'])).toBe(
      "--sweep must be a range that starts below its end, such as interval=30s..30m, got 'interval=30m..30s'",
    );
  });

  it('rejects zero steps', async () => {
    expect(await usageError(['bullpen', '--sweep', 'interval=30s..30m', '--steps', '0'])).toBe(
      "--steps must be a whole number from 2 to 100, such as 2, got '0'",
    );
  });

  it('rejects an unknown spacing', async () => {
    const argv = ['bullpen', '--sweep', 'interval=30s..30m', '--spacing', 'cubic'];

    expect(await usageError(argv)).toBe("--spacing must be 'log' or 'linear', got 'cubic'");
  });

  it('rejects a name the scenario lacks', async () => {
    const message = await usageError(['bullpen', '--sweep', 'rate=1/h..1/min']);

    expect(message).toMatch(/^--sweep names 'rate', which is not a setting of bullpen/);
    expect(message).toContain('sweepable names: interval, consumers, duration, latency, games,');
  });

  it('rejects a swept setting given', async () => {
    const argv = ['bullpen', '--interval', '5m', '--sweep', 'interval=30s..30m'];

    expect(await usageError(argv)).toBe(
      '--interval 5m and --sweep interval=... both set --interval; drop one of them',
    );
  });

  it('rejects steps without a sweep', async () => {
    expect(await usageError(['bullpen', '--steps', '3'])).toBe(
      '--steps applies to a sweep only; add --sweep NAME=FROM..TO or drop it',
    );
  });

  it('rejects a sweep with --compare', async () => {
    expect(await usageError(['bullpen', '--sweep', 'interval=1m..5m', '--compare'])).toBe(
      '--sweep and --compare do not go together; run them one at a time',
    );
  });

  it('rejects a sweep in live mode', async () => {
    const argv = ['bullpen', '--sweep', 'interval=1m..5m', '--mode', 'live'];

    expect(await usageError(argv)).toBe(
      "--sweep runs simulations only, but --mode is 'live'; drop --mode or --sweep",
    );
  });

  it('rejects too many threads', async () => {
    const argv = ['bullpen', '--sweep', 'interval=1m..5m', '--threads', '300'];

    expect(await usageError(argv)).toBe(
      "--threads must be a whole number from 0 to 256, such as 1, got '300'",
    );
  });
});

describe('output format errors', () => {
  it('rejects --csv with --json', async () => {
    expect(await usageError(['bullpen', '--csv', '--json'])).toBe(
      '--json and --csv each choose the output format; keep one of them',
    );
  });

  it('rejects --markdown with --csv', async () => {
    expect(await usageError(['bullpen', '--csv', '--markdown'])).toBe(
      '--csv and --markdown each choose the output format; keep one of them',
    );
  });

  it('rejects --csv with --compare', async () => {
    expect(await usageError(['bullpen', '--compare', '--csv'])).toBe(
      '--compare prints a table or --json, not --csv; drop --csv',
    );
  });
});
