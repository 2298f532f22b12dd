import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import poisson from '../../scenarios/poisson.ts';
import { renderJson } from '../../src/report/json.ts';
import { runScenario } from '../../src/runtime/run.ts';

describe('runScenario repeatability', () => {
  it('repeats JSON byte for byte', async () => {
    const first = renderJson(await runScenario(bullpen, { seed: '7' }));
    const second = renderJson(await runScenario(bullpen, { seed: '7' }));

    expect(second).toBe(first);
  });

  it('differs with another seed', async () => {
    const first = renderJson(await runScenario(bullpen, { seed: '7' }));
    const second = renderJson(await runScenario(bullpen, { seed: '8' }));

    expect(second).not.toBe(first);
  });

  it('repeats a run with latency', async () => {
    const input = { seed: '3', latency: 'lognormal(50ms, 20ms)', duration: '2h' };
    const first = renderJson(await runScenario(poisson, input));
    const second = renderJson(await runScenario(poisson, input));

    expect(second).toBe(first);
  });
});

describe('runScenario strategy independence', () => {
  const input = { seed: '5', latency: 'exp(40ms)', interval: 'uniform(2m, 4m)' };

  it('poll ignores other strategies', async () => {
    const alone = await runScenario(bullpen, { ...input, strategies: 'poll' });
    const both = await runScenario(bullpen, { ...input, strategies: 'poll,webhook' });

    expect(both.results[0]).toEqual(alone.results[0]);
  });

  it('webhook ignores other strategies', async () => {
    const alone = await runScenario(bullpen, { ...input, strategies: 'webhook' });
    const both = await runScenario(bullpen, { ...input, strategies: 'poll,webhook' });

    expect(both.results[1]).toEqual(alone.results[0]);
  });

  it('keeps the requested order', async () => {
    const report = await runScenario(bullpen, { strategies: 'webhook,poll' });

    expect(report.results.map((result) => result.strategy)).toEqual(['webhook', 'poll']);
  });
});

describe('runScenario report', () => {
  it('records the settings in effect', async () => {
    const report = await runScenario(bullpen, { seed: '9' });

    expect(report.options).toMatchObject({
      strategies: 'poll,webhook',
      interval: '3m',
      duration: '3h',
      latency: '50ms',
      seed: '9',
      align: 'random',
      games: '15',
      changes: '3',
    });
  });

  it('summarizes the world', async () => {
    const report = await runScenario(bullpen, { duration: '1h' });

    expect(report.world).toEqual({
      consumers: 15,
      events: 45,
      windowStart: '2026-04-01T23:05:00.000Z',
      windowEnd: '2026-04-02T00:05:00.000Z',
    });
  });
});
