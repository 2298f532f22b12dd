import { beforeAll, describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { AckMode } from '../../src/strategies/tuning.ts';
import { everySecond, faultsWith, tuningWith } from '../faults/fault-worlds.ts';
import { buildTestWorld, SECOND } from '../runtime/worlds.ts';
import type { BothModes } from './helpers/both-modes.ts';
import { itCountsAsSim, runBothModes } from './helpers/both-modes.ts';

/**
 * A run spans about 140 scenario seconds: the minute of set-up, the event, and two retries,
 * each 30 s after a 5 s timeout. At 300 times real speed that is under half a real second.
 * The sender and the receiver state scenario times to each other and decide every outcome by
 * them, so the time scale changes only how long a run takes.
 */
const TIME_SCALE = 300;

/** Real ms a live run may take on a busy machine, with the producer's process starting. */
const RUN_TIMEOUT_MS = 20_000;

/**
 * Runs one event past a slow receiver. The sender waits 5 s for a reply and retries twice,
 * 30 s apart. The receiver's work takes 6 s, and its reply leaves 1 s after the point that
 * `ack` sets.
 */
function runSlowReceiver(ack: AckMode, dedupe: boolean): Promise<BothModes> {
  return runBothModes('webhook', buildTestWorld(everySecond(1)), {
    tuning: tuningWith({
      ack,
      dedupe,
      workMs: 6 * SECOND,
      retry: { scheduleMs: [30 * SECOND, 30 * SECOND], jitter: 0, timeoutMs: 5 * SECOND },
    }),
    faults: faultsWith({ consumer: { replyDelay: constant(SECOND) } }),
    timeScale: TIME_SCALE,
  });
}

describe('live receiver processing first', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runSlowReceiver('after', true);
  }, RUN_TIMEOUT_MS);

  it('gets 3 deliveries', () => {
    expect(runs.live.result.deliveries).toBe(3);
  });

  it('fails every attempt', () => {
    expect(runs.live.result.failedDeliveries).toBe(3);
  });

  it('leaves 1 side effect', () => {
    expect(runs.live.result.events.notified).toBe(1);
  });

  it('drops 2 copies by webhook-id', () => {
    expect(runs.live.live.receiver.duplicates).toBe(2);
  });

  itCountsAsSim(() => runs);
});

describe('live receiver acknowledging first', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runSlowReceiver('first', true);
  }, RUN_TIMEOUT_MS);

  it('gets 1 delivery', () => {
    expect(runs.live.result.deliveries).toBe(1);
  });

  it('fails no attempt', () => {
    expect(runs.live.result.failedDeliveries).toBe(0);
  });

  it('leaves 1 side effect', () => {
    expect(runs.live.result.events.notified).toBe(1);
  });

  // The work runs after the reply, so the event reaches the handler 6 s after it happened. The
  // work starts at the arrival time the sender states, read on the producer's clock, which may
  // differ from the consumers' clock. The sync's measured uncertainty misses scheduling stalls
  // on a loaded machine, so the test allows at least 1 real ms of skew, times the scale: still
  // far from a handover at arrival.
  it('hands over after the work', () => {
    const { slack, timeScale } = runs.live.live;
    const skew = Math.max(slack.clockSyncMs, 1) * timeScale;
    expect(runs.live.result.latencyMs.max).toBeGreaterThanOrEqual(6 * SECOND - skew);
  });

  itCountsAsSim(() => runs);
});

describe('live receiver without dedupe', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runSlowReceiver('after', false);
  }, RUN_TIMEOUT_MS);

  it('applies 2 duplicates', () => {
    expect(runs.live.result.events.duplicates).toBe(2);
  });

  it('drops no copy', () => {
    expect(runs.live.live.receiver.duplicates).toBe(0);
  });

  itCountsAsSim(() => runs);
});
