import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import poisson from '../../scenarios/poisson.ts';
import { isPollVsPushError } from '../../src/errors.ts';
import { findSweepParam, sweepParams } from '../../src/runtime/sweep-params.ts';

const names = (scenario: typeof poisson) => sweepParams(scenario).map((param) => param.name);

describe('sweepable names', () => {
  it('include the common settings', () => {
    expect(names(poisson).slice(0, 4)).toEqual(['interval', 'consumers', 'duration', 'latency']);
  });

  it('include the poisson rate', () => {
    expect(findSweepParam(poisson, 'rate').kind).toBe('rate');
  });

  it('include numeric knobs', () => {
    expect(names(poisson)).toEqual(expect.arrayContaining(['hold', 'loss', 'backoff-base']));
  });

  it('leave out the seed', () => {
    expect(names(poisson)).not.toContain('seed');
  });

  it('leave out word knobs', () => {
    expect(names(poisson)).not.toContain('backoff-jitter');
  });

  it('accept a knob key', () => {
    expect(findSweepParam(poisson, 'backoffBase').flag).toBe('--backoff-base');
  });

  it('accept a flag', () => {
    expect(findSweepParam(poisson, '--error-rate').key).toBe('errorRate');
  });
});

describe('sweep parameter input', () => {
  it('sets a scenario option', () => {
    const input = findSweepParam(poisson, 'rate').apply({ seed: '4' }, '2/min');

    expect(input).toEqual({ seed: '4', scenarioOptions: { rate: '2/min' } });
  });

  it('sets a knob', () => {
    const input = findSweepParam(poisson, 'hold').apply({}, '10s');

    expect(input.knobs).toEqual({ hold: '10s' });
  });

  it('reads a given value', () => {
    expect(findSweepParam(poisson, 'interval').read({ interval: '5m' })).toBe('5m');
  });
});

describe('unknown sweep name', () => {
  const error = (() => {
    try {
      findSweepParam(bullpen, 'rate');
    } catch (caught: unknown) {
      return caught;
    }
    return undefined;
  })();

  it('is a coded error', () => {
    expect(isPollVsPushError(error)).toBe(true);
  });

  it('has its own code', () => {
    expect((error as { code?: string }).code).toBe('PVP_NOT_SWEEPABLE');
  });

  it('names the setting', () => {
    expect((error as Error).message).toContain("--sweep names 'rate'");
  });

  it('lists the sweepable names', () => {
    expect((error as Error).message).toContain('sweepable names: interval, consumers, duration');
  });
});
