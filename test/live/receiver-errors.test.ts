import { beforeAll, describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/engine/distributions.ts';
import { at, faultsWith, tuningWith } from '../faults/fault-worlds.ts';
import { buildTestWorld, SECOND } from '../runtime/worlds.ts';
import type { BothModes } from './helpers/both-modes.ts';
import { itCountsAsSim, runBothModes } from './helpers/both-modes.ts';

/**
 * One event every 10 s for 200 s. Each push is tried at most 4 times, 0, 1, 4 and 9 s after
 * its event, so no two posts arrive at the same scenario time. The receiver then draws its
 * errors and reply delays in the same order as the simulator's receiver.
 */
const EVENTS = Array.from({ length: 20 }, (_, index) => ({ time: at(10 * (index + 1)) }));

/** Reply delays drawn from the same stream as the errors, so draws interleave as in sim. */
const REPLY_DELAY: Distribution = { kind: 'uniform', min: 0, max: 500 };

/** About 270 scenario seconds, set-up included: under a real second at 300 times real speed. */
const TIME_SCALE = 300;

/** Real ms a live run may take on a busy machine, with the producer's process starting. */
const RUN_TIMEOUT_MS = 20_000;

describe('live receiver with an error rate', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes('webhook', buildTestWorld(EVENTS, { end: at(200) }), {
      tuning: tuningWith({
        retry: { scheduleMs: [1, 3, 5].map((s) => s * SECOND), jitter: 0, timeoutMs: 60 * SECOND },
      }),
      faults: faultsWith({ consumer: { errorRate: 0.6, replyDelay: REPLY_DELAY } }),
      timeScale: TIME_SCALE,
    });
  }, RUN_TIMEOUT_MS);

  it('fails some posts with 500', () => {
    expect(runs.live.live.receiver.failed).toBeGreaterThan(0);
  });

  it('counts each 500 as failed', () => {
    expect(runs.live.result.failedDeliveries).toBe(runs.live.live.receiver.failed);
  });

  itCountsAsSim(() => runs);
});
