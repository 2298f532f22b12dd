import { describe, expect, it } from 'vitest';
import { runCommand } from './cli-harness.ts';

describe('live-only options', () => {
  it('reject --time-scale in sim', async () => {
    const run = await runCommand(['bullpen', '--time-scale', '100']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--time-scale applies to live runs and --compare only');
  });

  it('reject --load-duration without --load', async () => {
    const run = await runCommand(['bullpen', '--load-duration', '2s']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--load-duration applies to --load only; add --load');
  });

  it('accept --time-scale when live', async () => {
    const run = await runCommand(['bullpen', '--mode', 'live', '--time-scale', 'x']);

    expect(run.stderr).not.toContain('applies to');
  });
});

describe('flags without values', () => {
  it('reject --json=true', async () => {
    const run = await runCommand(['bullpen', '--json=true']);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'poll-vs-push: --json takes no value; write --json alone, or leave it out to turn it off\n',
    );
  });

  it('accept -h for help', async () => {
    const run = await runCommand(['bullpen', '-h']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: /);
  });
});

describe('repeated options', () => {
  it('reject a second value', async () => {
    const run = await runCommand(['bullpen', '--interval', '3m', '--interval', '5m']);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'poll-vs-push: --interval is given twice (3m and 5m); keep one of them\n',
    );
  });

  it('reject a second flag', async () => {
    const run = await runCommand(['bullpen', '--json', '--json']);

    expect(run.stderr).toBe('poll-vs-push: --json is given twice; keep one of them\n');
  });
});
