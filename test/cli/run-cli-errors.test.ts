import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliRun } from './cli-harness.ts';
import { runCommand } from './cli-harness.ts';

/** Checks the shape every user-facing error shares: one line on stderr, no stack, no stdout. */
function expectOneLine(run: CliRun): void {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^poll-vs-push: [^\n]+\n$/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('usage errors', () => {
  it('rejects a bad interval', async () => {
    const run = await runCommand(['bullpen', '--interval', '5x']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain('--interval must be a duration such as 30s, or a distribution');
    expect(run.stderr).toContain("got '5x'");
  });

  it('rejects a negative interval', async () => {
    const run = await runCommand(['bullpen', '--interval=-5']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain("got '-5'");
  });

  it('rejects a bad rate', async () => {
    const run = await runCommand(['poisson', '--rate', '2']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain(
      "--rate must be a positive rate, a decimal number per unit such as 0.5/s, 1/min or 30/h, got '2'",
    );
  });

  it('rejects an unknown option', async () => {
    const run = await runCommand(['bullpen', '--rate', '2/min']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain('unknown option --rate for bullpen');
    expect(run.stderr).toContain("'npm run scenario -- bullpen --help'");
  });

  it('rejects an unknown strategy', async () => {
    const run = await runCommand(['bullpen', '--strategies', 'poll,pigeon']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain(
      "--strategies names an unknown strategy 'pigeon'; known strategies: poll, poll-jitter, " +
        'poll-backoff, poll-adaptive, poll-conditional, long-poll, sse, websocket, webhook, hybrid',
    );
  });

  it('rejects an unknown scenario', async () => {
    const run = await runCommand(['outfield']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain(
      "unknown scenario 'outfield'; known scenarios: bullpen, earthquakes, email-events, ",
    );
  });

  it('rejects a missing value', async () => {
    const run = await runCommand(['bullpen', '--interval']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain('--interval needs a value');
  });

  it('rejects epoch with a distribution', async () => {
    const run = await runCommand(['bullpen', '--align', 'epoch', '--interval', 'exp(3m)']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain(
      "--interval must be a single duration such as 5m when --align epoch is set, got 'exp(3m)'",
    );
  });

  it('rejects a missing scenario', async () => {
    const run = await runCommand([]);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain("no scenario given; run 'npm run scenario -- bullpen'");
  });

  it('rejects a missing required option', async () => {
    const run = await runCommand(['trace']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain('--file is required');
  });

  it('rejects a second scenario', async () => {
    const run = await runCommand(['bullpen', 'poisson']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain("unexpected argument 'poisson'");
  });
});

describe('failures', () => {
  it('names a missing trace file', async () => {
    const file = join(tmpdir(), 'pvp-no-such-trace', 'events.csv');
    const run = await runCommand(['trace', '--file', file]);

    expect(run.code).toBe(1);
    expectOneLine(run);
    expect(run.stderr).toContain(`'${file}' not found`);
  });
});

describe('fault option errors', () => {
  it('rejects a loss above one', async () => {
    const run = await runCommand(['poisson', '--loss', '1.5']);

    expect(run.code).toBe(2);
    expectOneLine(run);
    expect(run.stderr).toContain("--loss must be a number from 0 to 1, got '1.5'");
  });

  it('rejects a malformed span', async () => {
    const run = await runCommand(['poisson', '--downtime', '100s']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--downtime must be spans such as 100s..160s');
  });
});
