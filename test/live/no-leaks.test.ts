import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import type { RunReport } from '../../src/runtime/run.ts';
import { runScenario } from '../../src/runtime/run.ts';
import type { RunInput } from '../../src/runtime/settings.ts';

/** One game with one pitching change over 10 minutes: about 0.3 real s per strategy. */
const TINY: RunInput = {
  mode: 'live',
  scenarioOptions: { games: '1', changes: '1' },
  duration: '10m',
  timeScale: '2000',
};

/** Two games over 3 hours at 600 times real speed: about 18 real s per strategy. */
const LONG: RunInput = {
  mode: 'live',
  scenarioOptions: { games: '2' },
  duration: '3h',
  timeScale: '600',
};

/** Real ms into the long run at which it is stopped. On an idle machine, start-up is over. */
const STOP_AFTER_MS = 2_500;

/**
 * Far shorter than the long run, so a run stopped at `STOP_AFTER_MS` passes only if the stop
 * ends it early. It leaves room for servers to start on a busy machine.
 */
const STOPPED_RUN_TIMEOUT_MS = 12_000;

/** Servers, sockets, timers, and the process the producer of a live run has to itself. */
const WATCHED = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'ProcessWrap'] as const;
type Watched = (typeof WATCHED)[number];
type ResourceCounts = Record<Watched, number>;

/** Counts the watched kinds among the resources that keep the event loop alive. */
function countResources(): ResourceCounts {
  const counts: ResourceCounts = { TCPServerWrap: 0, TCPSocketWrap: 0, Timeout: 0, ProcessWrap: 0 };
  for (const kind of process.getActiveResourcesInfo()) {
    if ((WATCHED as readonly string[]).includes(kind)) counts[kind as Watched]++;
  }
  return counts;
}

/**
 * Counts resources once closed handles are gone. Node frees a closed handle in the close phase
 * of a later event-loop turn, after the close promise has resolved, so this waits a few turns.
 */
async function countSettledResources(): Promise<ResourceCounts> {
  for (let turn = 0; turn < 5; turn++) await nextTurn();
  return countResources();
}

/** Runs `input`, and counts resources before the run and after it has settled. */
async function runCounted(
  input: RunInput,
): Promise<{ report: RunReport; before: ResourceCounts; after: ResourceCounts }> {
  const before = countResources();
  const report = await runScenario(bullpen, input);
  const after = await countSettledResources();
  return { report, before, after };
}

describe('complete live run', () => {
  let run: Awaited<ReturnType<typeof runCounted>>;

  beforeAll(async () => {
    run = await runCounted(TINY);
  }, 20_000);

  it('runs every strategy', () => {
    expect(run.report.results.map((result) => result.strategy)).toEqual(['poll', 'webhook']);
  });

  it.each(WATCHED)('leaves no extra %s', (kind) => {
    expect(run.after[kind]).toBeLessThanOrEqual(run.before[kind]);
  });
});

describe('live run stopped mid-way', () => {
  let run: Awaited<ReturnType<typeof runCounted>>;
  let fullRequests: number;

  beforeAll(async () => {
    const sim = await runScenario(bullpen, { ...LONG, mode: 'sim' });
    fullRequests = sim.results[0]?.requests ?? 0;

    const stop = new AbortController();
    const stopping = delay(STOP_AFTER_MS).then(() => stop.abort());
    run = await runCounted({ ...LONG, signal: stop.signal });
    await stopping;
  }, STOPPED_RUN_TIMEOUT_MS);

  it('reports the stop', () => {
    expect(run.report.stopped).toBe(true);
  });

  it('skips the strategies not started', () => {
    expect(run.report.results.map((result) => result.strategy)).toEqual(['poll']);
  });

  it('marks the result partial', () => {
    expect(run.report.results[0]?.live?.completed).toBe(false);
  });

  it('counts fewer requests than a full run', () => {
    expect(run.report.results[0]?.requests).toBeLessThan(fullRequests);
  });

  it.each(WATCHED)('leaves no extra %s', (kind) => {
    expect(run.after[kind]).toBeLessThanOrEqual(run.before[kind]);
  });
});

describe('live run stopped at start-up', () => {
  let run: Awaited<ReturnType<typeof runCounted>>;

  // The stop lands while the servers start or warm up, before any strategy code runs.
  beforeAll(async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 0);
    run = await runCounted({ ...LONG, signal: stop.signal });
  }, STOPPED_RUN_TIMEOUT_MS);

  it('reports the stop', () => {
    expect(run.report.stopped).toBe(true);
  });

  it.each(WATCHED)('leaves no extra %s', (kind) => {
    expect(run.after[kind]).toBeLessThanOrEqual(run.before[kind]);
  });
});

describe('live run already stopped', () => {
  let run: Awaited<ReturnType<typeof runCounted>>;

  beforeAll(async () => {
    run = await runCounted({ ...LONG, signal: AbortSignal.abort() });
  });

  it('reports the stop', () => {
    expect(run.report.stopped).toBe(true);
  });

  it('runs no strategy', () => {
    expect(run.report.results).toEqual([]);
  });
});
