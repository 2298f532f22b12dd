import { beforeAll, describe, expect, it } from 'vitest';
import type { Faults } from '../../src/model/faults.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';
import { buildTestWorld, MINUTE, SECOND } from '../runtime/worlds.ts';
import type { BothModes } from './helpers/poll-runs.ts';
import { countStatus, runBothModes, statusesOf } from './helpers/poll-runs.ts';

/** Three in ten messages are lost, each way. */
const LOSSY: Faults = { ...NO_FAULTS, network: { ...NO_FAULTS.network, loss: 0.3 } };

/** Events through a 20-minute window, polled once a minute. */
const WORLD = buildTestWorld(
  [
    { time: 12 * MINUTE + 10 * SECOND },
    { time: 15 * MINUTE + 40 * SECOND },
    { time: 19 * MINUTE },
    { time: 24 * MINUTE + 5 * SECOND },
  ],
  { start: 10 * MINUTE, end: 30 * MINUTE },
);

/**
 * The client draws each loss from the simulator's fault stream in the simulator's order, so
 * with one consumer the same polls fail in both modes. 21 scenario minutes run in 2.1 real s.
 */
describe('poll over a lossy network', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(WORLD, { strategy: 'poll', faults: LOSSY, timeScale: 600 });
    console.info(
      `poll, loss 0.3: live statuses ${statusesOf(runs.livePolls).join(' ')}; ` +
        `sim ${runs.sim.requests} requests, ${runs.sim.wastedRequests} wasted; ` +
        `live ${runs.live.requests} requests, ${runs.live.wastedRequests} wasted`,
    );
  }, 30_000);

  it('loses some polls live', () => {
    expect(countStatus(runs.livePolls, 0)).toBeGreaterThan(0);
  });

  it('loses the polls sim loses', () => {
    expect(statusesOf(runs.livePolls)).toEqual(statusesOf(runs.simPolls));
  });

  it('gives up after the timeout', () => {
    const lost = runs.livePolls.filter((poll) => poll.status === 0);
    const waits = new Set(lost.map((poll) => poll.receivedAt - poll.sentAt));

    expect([...waits]).toEqual([DEFAULT_TUNING.requestTimeoutMs]);
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });

  it('counts the same wasted requests', () => {
    expect(runs.live.wastedRequests).toBe(runs.sim.wastedRequests);
  });

  it('learns the same events', () => {
    expect(runs.live.events.notified).toBe(runs.sim.events.notified);
  });

  it('peaks as sim does', () => {
    expect(runs.live.peakPerSecond).toBe(runs.sim.peakPerSecond);
  });
});
