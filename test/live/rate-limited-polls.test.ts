import { beforeAll, describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { Faults } from '../../src/model/faults.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';
import { buildTestWorld, MINUTE, SECOND } from '../runtime/worlds.ts';
import type { BothModes, PollRecord } from './helpers/poll-runs.ts';
import { countStatus, runBothModes, statusesOf } from './helpers/poll-runs.ts';

/** The ban a 429 announces in `Retry-After`. */
const BAN_MS = 60_000;

/** Builds faults that allow one request per 10 s and ban the next for 60 s, in `form`. */
function rateLimited(form: 'seconds' | 'date'): Faults {
  return {
    ...NO_FAULTS,
    producer: {
      ...NO_FAULTS.producer,
      rateLimit: 1,
      rateLimitWindowMs: 10 * SECOND,
      retryAfterMs: BAN_MS,
      retryAfterForm: form,
    },
  };
}

/** One event, so polls find news once; the rest of the 6-minute window is quiet. */
const WORLD = buildTestWorld([{ time: 12 * MINUTE + 30 * SECOND }], {
  start: 10 * MINUTE,
  end: 16 * MINUTE,
});

/** 7 scenario minutes with the set-up lead, in 1.4 real s. */
const TIME_SCALE = 300;

/** Returns the time from each 429's arrival at the consumer to the next 200's send. */
function waitsAfterBans(polls: readonly PollRecord[]): number[] {
  const waits: number[] = [];

  polls.forEach((poll, index) => {
    if (poll.status !== 429) return;
    const success = polls.slice(index + 1).find((next) => next.status === 200);
    if (success !== undefined) waits.push(success.sentAt - poll.receivedAt);
  });

  return waits;
}

describe.each(['seconds', 'date'] as const)('poll-adaptive with Retry-After in %s', (form) => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(WORLD, {
      strategy: 'poll-adaptive',
      interval: constant(5 * SECOND),
      faults: rateLimited(form),
      timeScale: TIME_SCALE,
    });
    console.info(
      `poll-adaptive (${form}): live statuses ${statusesOf(runs.livePolls).join(' ')}; ` +
        `waits after bans ${waitsAfterBans(runs.livePolls).join(', ')} ms`,
    );
  }, 30_000);

  it('gets banned live', () => {
    expect(countStatus(runs.livePolls, 429)).toBeGreaterThan(0);
  });

  it('succeeds again after bans', () => {
    expect(waitsAfterBans(runs.livePolls).length).toBeGreaterThan(0);
  });

  it('waits out every ban', () => {
    expect(Math.min(...waitsAfterBans(runs.livePolls))).toBeGreaterThanOrEqual(BAN_MS);
  });

  it('sees the statuses of sim', () => {
    expect(statusesOf(runs.livePolls)).toEqual(statusesOf(runs.simPolls));
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });

  it('counts the same wasted requests', () => {
    expect(runs.live.wastedRequests).toBe(runs.sim.wastedRequests);
  });

  it('misses nothing live', () => {
    expect(runs.live.events.missed).toBe(0);
  });
});

describe('poll-backoff against a rate limit', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(WORLD, {
      strategy: 'poll-backoff',
      interval: constant(2 * SECOND),
      tuning: { ...DEFAULT_TUNING, backoff: { baseMs: undefined, capMs: 4_000, jitter: 'none' } },
      faults: rateLimited('seconds'),
      timeScale: TIME_SCALE,
    });
    console.info(
      `poll-backoff: live ${runs.live.requests} requests, ` +
        `${countStatus(runs.livePolls, 200)} with 200, ${countStatus(runs.livePolls, 429)} with 429`,
    );
  }, 30_000);

  it('succeeds only on its first poll', () => {
    expect(countStatus(runs.livePolls, 200)).toBe(1);
  });

  it('is still banned at the end', () => {
    expect(runs.livePolls.at(-1)?.status).toBe(429);
  });

  it('stays banned over 5 minutes', () => {
    const firstBan = runs.livePolls.find((poll) => poll.status === 429);
    const lastPoll = runs.livePolls.at(-1);

    expect((lastPoll?.sentAt ?? 0) - (firstBan?.sentAt ?? 0)).toBeGreaterThanOrEqual(5 * MINUTE);
  });

  it('misses the event live', () => {
    expect(runs.live.events.missed).toBe(1);
  });

  it('sees the statuses of sim', () => {
    expect(statusesOf(runs.livePolls)).toEqual(statusesOf(runs.simPolls));
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });
});
