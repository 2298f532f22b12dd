import { beforeAll, describe, expect, it } from 'vitest';
import { difference } from '../../src/report/compare.ts';
import { at, everySecond, faultsWith, tuningWith } from '../faults/fault-worlds.ts';
import { buildTestWorld, SECOND } from '../runtime/worlds.ts';
import type { BothModes } from './helpers/both-modes.ts';
import { itCountsAsSim, runBothModes } from './helpers/both-modes.ts';

const EVENTS = everySecond(200);
const DOWN = { start: at(100), end: at(160) };
const WAITS = [1, 3, 5].map((seconds) => seconds * SECOND);
const RECONCILE = 300 * SECOND;

/**
 * A hybrid run spans up to about 560 scenario seconds: the minute of set-up, the 200 s window,
 * and a last reconciliation poll up to 300 s after it. At 300 times real speed that is under
 * 2 real seconds. Outcomes are decided by the scenario times the processes state to each
 * other, so the time scale changes only how long a run takes and how late latencies read.
 */
const TIME_SCALE = 300;

/** Real ms a live run may take on a busy machine, with the producer's process starting. */
const RUN_TIMEOUT_MS = 20_000;

/**
 * Runs one event a second, with the consumer down from 100 s to 160 s. The sender retries 1,
 * 4 and 9 s after the first try, then drops the event. Refusals come back at once, so the
 * one-minute timeout only keeps any attempt from timing out.
 */
function runGivingUp(strategy: string): Promise<BothModes> {
  return runBothModes(strategy, buildTestWorld(EVENTS, { end: at(200) }), {
    tuning: tuningWith({
      reconcileMs: RECONCILE,
      retry: { scheduleMs: WAITS, jitter: 0, timeoutMs: 60 * SECOND },
    }),
    faults: faultsWith({ consumer: { downtime: [DOWN] } }),
    timeScale: TIME_SCALE,
  });
}

/** Events whose first try and every retry fall while the consumer is down. */
function expectedLost(): number {
  const offsets = [0];
  for (const wait of WAITS) offsets.push((offsets.at(-1) ?? 0) + wait);

  const down = (time: number) => time >= DOWN.start && time < DOWN.end;
  return EVENTS.filter((event) => offsets.every((offset) => down(event.time + offset))).length;
}

describe('live webhooks that give up', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runGivingUp('webhook');
  }, RUN_TIMEOUT_MS);

  it('loses events retried only while down', () => {
    expect(runs.live.result.events.lost).toBe(expectedLost());
  });

  // The events of 100 s to 150 s: the last retry of the one at 151 s comes at 160 s, when the
  // consumer is back.
  it('expects 51 events lost', () => {
    expect(expectedLost()).toBe(51);
  });

  it('counts refused posts as failed', () => {
    expect(runs.live.live.receiver.refused).toBe(runs.live.result.failedDeliveries);
  });

  itCountsAsSim(() => runs);
});

describe('live webhooks with reconciliation polls', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runGivingUp('hybrid');
  }, RUN_TIMEOUT_MS);

  it('loses no event', () => {
    expect(runs.live.result.events.lost).toBe(0);
  });

  it('notifies every event', () => {
    expect(runs.live.result.events.notified).toBe(EVENTS.length);
  });

  it('sim max within one interval', () => {
    expect(runs.sim.latencyMs.max).toBeLessThanOrEqual(RECONCILE);
  });

  // Live latencies run late by the real delays the run saw, times the time scale.
  it('live max within one interval', () => {
    const bound = difference(runs.sim, { ...runs.live.result, live: runs.live.live });
    const figures = `max ${runs.live.result.latencyMs.max} ms, bound ${bound.latencyBoundMs} ms`;

    expect(runs.live.result.latencyMs.max, figures).toBeLessThanOrEqual(
      RECONCILE + bound.latencyBoundMs,
    );
  });

  it('catches up by polling', () => {
    expect(runs.live.result.latencyMs.max).toBeGreaterThan(60 * SECOND);
  });

  itCountsAsSim(() => runs);
});
