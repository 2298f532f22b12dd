import Tinypool from 'tinypool';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import poisson from '../../scenarios/poisson.ts';
import { isPollVsPushError } from '../../src/errors.ts';
import { runScenario } from '../../src/runtime/run.ts';
import { runSweep } from '../../src/runtime/sweep.ts';
import { planSweep } from '../../src/runtime/sweep-points.ts';

/** Two hours of events at the default rate: each point runs in a few milliseconds. */
const INPUT = { duration: '2h', seed: '11', latency: 'exp(40ms)' };
const PLAN = planSweep(poisson, { sweep: 'interval=1m..10m', steps: '3' });

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs one sweep on two worker threads, for the tests that only read its outcome. */
async function sweepOnWorkers() {
  const progress: number[] = [];
  const destroy = vi.spyOn(Tinypool.prototype, 'destroy');
  const report = await runSweep('poisson', poisson, INPUT, PLAN, {
    threads: 2,
    onProgress: (done) => progress.push(done),
  });
  const destroyed = destroy.mock.calls.length;
  destroy.mockRestore();
  return { report, progress, destroyed };
}

describe('sweep on worker threads', () => {
  let parallel: Awaited<ReturnType<typeof sweepOnWorkers>>;

  beforeAll(async () => {
    parallel = await sweepOnWorkers();
  });

  it('matches plain runs', async () => {
    for (const point of parallel.report.points) {
      const plain = await runScenario(poisson, { ...INPUT, interval: point.value });
      expect(point.results).toEqual(plain.results);
    }
  });

  it('keeps the order of points', () => {
    expect(parallel.report.points.map((point) => point.value)).toEqual(['1m', '5.5m', '10m']);
  });

  it('reports each finished point', () => {
    expect(parallel.progress).toEqual([1, 2, 3]);
  });

  it('destroys its pool', () => {
    expect(parallel.destroyed).toBe(1);
  });

  it('matches a plain run of a scenario option', async () => {
    const plan = planSweep(poisson, { sweep: 'rate=1/min..10/min', steps: '2' });
    const sweep = await runSweep('poisson', poisson, INPUT, plan, { threads: 2 });
    const plain = await runScenario(poisson, { ...INPUT, scenarioOptions: { rate: '10/min' } });

    expect(sweep.points[1]?.results).toEqual(plain.results);
  });

  it('destroys its pool after a failure', async () => {
    const destroy = vi.spyOn(Tinypool.prototype, 'destroy');
    // About 86 million events at the last point, over the limit that the worker checks.
    const plan = planSweep(poisson, { sweep: 'rate=1/min..1000/s', steps: '2' });
    const run = runSweep('poisson', poisson, { duration: '1d' }, plan, { threads: 2 });

    await expect(run).rejects.toThrow('at the sweep point rate=1000/s: this run has about');
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('matches this thread', async () => {
    const inThread = await runSweep('poisson', poisson, INPUT, PLAN, { threads: 0 });

    expect(inThread).toEqual(parallel.report);
  });
});

describe('sweep in this thread', () => {
  it('starts no pool', async () => {
    const run = vi.spyOn(Tinypool.prototype, 'run');
    await runSweep('poisson', poisson, INPUT, PLAN, { threads: 0 });

    expect(run).not.toHaveBeenCalled();
  });
});

describe('sweep report', () => {
  it('states what it varied', async () => {
    const sweep = await runSweep('poisson', poisson, INPUT, PLAN, { threads: 0 });

    expect(sweep.sweep).toEqual({
      name: 'interval',
      flag: '--interval',
      kind: 'duration',
      unit: 'ms',
      from: '1m',
      to: '10m',
      steps: 3,
      spacing: 'linear',
    });
  });

  it('leaves the swept setting out of shared options', async () => {
    const sweep = await runSweep('poisson', poisson, INPUT, PLAN, { threads: 0 });

    expect(sweep.options).not.toHaveProperty('interval');
  });

  it('keeps each point options', async () => {
    const sweep = await runSweep('poisson', poisson, INPUT, PLAN, { threads: 0 });

    expect(sweep.points[1]?.options.interval).toBe('5.5m');
  });
});

describe('sweep input errors', () => {
  const codeOf = async (run: Promise<unknown>) => {
    try {
      await run;
    } catch (error: unknown) {
      return isPollVsPushError(error) ? error.code : error;
    }
    return undefined;
  };

  it('rejects the swept setting given', async () => {
    const run = runSweep('poisson', poisson, { interval: '5m' }, PLAN, { threads: 0 });

    expect(await codeOf(run)).toBe('PVP_CONFLICTING_OPTIONS');
  });

  it('rejects live mode', async () => {
    const run = runSweep('poisson', poisson, { mode: 'live' }, PLAN, { threads: 0 });

    expect(await codeOf(run)).toBe('PVP_CONFLICTING_OPTIONS');
  });

  it('names the failing point', async () => {
    const plan = planSweep(poisson, { sweep: 'loss=0..2', steps: '2' });
    const run = runSweep('poisson', poisson, {}, plan, { threads: 0 });

    await expect(run).rejects.toThrow(
      "at the sweep point loss=2: --loss must be a number from 0 to 1, got '2'",
    );
  });
});
