import { describe, expect, it } from 'vitest';
import { runCommand } from './cli-harness.ts';

const SMALL = ['bullpen', '--games', '1', '--changes', '1', '--duration', '30m'];

describe('--timeline', () => {
  it('prints under the table', async () => {
    const run = await runCommand([...SMALL, '--timeline']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/missed[\s\S]*Timeline of poll \(UTC\):/);
    expect(run.stdout).toContain('Timeline of webhook (UTC):');
    expect(run.stdout).toContain('consumer 0  -> subscribe ("call me")');
  });

  it('goes into the JSON', async () => {
    const run = await runCommand([...SMALL, '--timeline', '--json']);
    const report = JSON.parse(run.stdout) as { timeline: { strategy: string }[] };

    expect(run.code).toBe(0);
    expect(report.timeline.map((timeline) => timeline.strategy)).toEqual(['poll', 'webhook']);
  });

  it('is absent without the flag', async () => {
    const run = await runCommand(SMALL);

    expect(run.stdout).not.toContain('Timeline of');
  });

  const notWith = (flag: string) => `records one simulated run and does not go with ${flag}`;

  it.each([
    [['--mode', 'live'], notWith('--mode live')],
    [['--compare'], notWith('--compare')],
    [['--load'], notWith('--load')],
    [['--sweep', 'interval=1m..3m'], notWith('--sweep')],
    [['--csv'], 'prints under the table or into --json, not with --csv'],
  ])('rejects %s', async (extra, message) => {
    const run = await runCommand([...SMALL, '--timeline', ...extra]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
