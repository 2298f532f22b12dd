import { beforeAll, describe, expect, it } from 'vitest';
import { at, faultsWith, tuningWith } from '../faults/fault-worlds.ts';
import { buildTestWorld, SECOND } from '../runtime/worlds.ts';
import type { BothModes } from './helpers/both-modes.ts';
import { itCountsAsSim, runBothModes } from './helpers/both-modes.ts';

/**
 * One event every 40 s for 600 s. A lost push or reply fails its attempt at the 5 s timeout,
 * so a push's 4 attempts end by 29 s after its event, before the next event. The producer's
 * process then draws losses in the same order as the simulator.
 */
const EVENTS = Array.from({ length: 15 }, (_, index) => ({ time: at(40 * (index + 1)) }));

/** About 660 scenario seconds, set-up included: about 2 real seconds at 300 times real speed. */
const TIME_SCALE = 300;

/** Real ms a live run may take on a busy machine, with the producer's process starting. */
const RUN_TIMEOUT_MS = 20_000;

describe('live webhooks on a lossy wire', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes('webhook', buildTestWorld(EVENTS, { end: at(600) }), {
      tuning: tuningWith({
        retry: { scheduleMs: [1, 3, 5].map((s) => s * SECOND), jitter: 0, timeoutMs: 5 * SECOND },
      }),
      faults: faultsWith({ network: { loss: 0.4 } }),
      timeScale: TIME_SCALE,
    });
  }, RUN_TIMEOUT_MS);

  it('fails some attempts', () => {
    expect(runs.live.result.failedDeliveries).toBeGreaterThan(0);
  });

  // A lost reply leaves the sender to retry a push the receiver already handed over.
  it('drops copies of lost replies', () => {
    expect(runs.live.result.events.duplicatesDropped).toBeGreaterThan(0);
  });

  itCountsAsSim(() => runs);
});
