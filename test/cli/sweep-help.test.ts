import { describe, expect, it } from 'vitest';
import poisson from '../../scenarios/poisson.ts';
import { renderHelp } from '../../src/cli/help.ts';

describe('help for sweeps', () => {
  const help = renderHelp(poisson);

  it.each([
    '--sweep NAME=FROM..TO',
    '--steps N',
    '--spacing log|linear',
    '--threads N',
    '--csv',
    '--markdown',
  ])('documents %s', (option) => {
    expect(help).toMatch(new RegExp(`\\n  ${option.replace(/[.|]/g, '\\$&')} +\\S`));
  });

  it('states the spacing rule', () => {
    const text = help.replace(/\s+/g, ' ');

    expect(text).toContain('log when FROM is above zero and TO is more than 10 times FROM');
  });

  it('lists the sweepable names', () => {
    expect(help).toContain('Names --sweep takes for poisson:\n  interval, consumers, duration,');
  });

  it('lists the scenario rate', () => {
    expect(help).toContain('latency, rate, jitter');
  });
});
