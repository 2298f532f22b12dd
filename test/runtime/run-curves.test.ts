import { describe, expect, it } from 'vitest';
import poisson from '../../scenarios/poisson.ts';
import { runScenario } from '../../src/runtime/run.ts';
import { binLength } from '../../src/runtime/run-curves.ts';
import { PRODUCER_ID } from '../../src/runtime/timeline.ts';

/** One consumer polling on the minute for an hour, and a webhook beside it. */
const HOURLY = {
  strategies: 'poll,webhook',
  interval: '1m',
  duration: '1h',
  align: 'epoch',
  seed: '3',
  scenarioOptions: { rate: '10/h' },
  curves: true,
};

describe('load bins', () => {
  it('picks a readable bin length', () => {
    expect([binLength(3_600_000), binLength(10_800_000), binLength(86_400_000)]).toEqual([
      15_000, 60_000, 600_000,
    ]);
  });

  it('counts one poll a minute', async () => {
    const report = await runScenario(poisson, HOURLY);
    const load = report.curves?.[0]?.load;
    const perMinute = Array.from({ length: 60 }, (_, minute) =>
      (load?.requests ?? []).slice(minute * 4, minute * 4 + 4).reduce((sum, n) => sum + n, 0),
    );

    expect(new Set(perMinute)).toEqual(new Set([1]));
  });

  it('counts each webhook push', async () => {
    const report = await runScenario(poisson, HOURLY);
    const webhook = report.curves?.[1];
    const pushes = (webhook?.load.pushes ?? []).reduce((sum, n) => sum + n, 0);

    expect(pushes).toBe(report.results[1]?.deliveries);
  });
});

describe('conversation', () => {
  it('follows consumer 0 alone', async () => {
    const report = await runScenario(poisson, { ...HOURLY, consumers: '3' });
    const entries = report.curves?.[0]?.conversation.entries ?? [];
    const others = entries.filter((entry) => ![0, PRODUCER_ID].includes(entry.consumer));

    expect(entries.length).toBeGreaterThan(0);
    expect(others).toEqual([]);
  });

  it('marks every event once', async () => {
    const report = await runScenario(poisson, HOURLY);
    const entries = report.curves?.[0]?.conversation.entries ?? [];
    const events = entries.filter((entry) => entry.kind === 'event');

    expect(events.length).toBe(report.world.events);
  });
});

describe('latency distribution', () => {
  it('rises from 0 to 1', async () => {
    const report = await runScenario(poisson, HOURLY);
    const shares = (report.curves?.[0]?.latencyCdf ?? []).map((point) => point.share);

    expect([shares[0], shares.at(-1)]).toEqual([0, 1]);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  });

  it('ends at the largest latency', async () => {
    const report = await runScenario(poisson, HOURLY);
    const last = report.curves?.[0]?.latencyCdf.at(-1);

    expect(last?.ms).toBe(report.results[0]?.latencyMs.max);
  });

  it('crosses one half at the median', async () => {
    const report = await runScenario(poisson, HOURLY);
    const half = report.curves?.[0]?.latencyCdf.find((point) => point.share === 0.5);

    expect(half?.ms).toBe(report.results[0]?.latencyMs.p50);
  });

  it('is left out of plain runs', async () => {
    const report = await runScenario(poisson, { ...HOURLY, curves: false });

    expect(report.curves).toBeUndefined();
  });
});
