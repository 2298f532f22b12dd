import { beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/model/event-log.ts';
import type { Faults } from '../../src/model/faults.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';
import type { World } from '../../src/model/world.ts';
import { simulate } from '../../src/runtime/sim.ts';
import type { StrategyTuning } from '../../src/strategies/tuning.ts';
import { DEFAULT_TUNING } from '../../src/strategies/tuning.ts';
import { buildTestWorld, MINUTE } from '../runtime/worlds.ts';
import type { BothModes, PollRecord } from './helpers/poll-runs.ts';
import { countStatus, LATENCY_MS, recordingStrategy, runBothModes } from './helpers/poll-runs.ts';

/** The proxy's idle limit. */
const IDLE_CUT_MS = 60_000;

/** Reconnects wait one second, always, so each cut is followed by the same gap. */
function tuningWithHold(holdMs: number): StrategyTuning {
  return { ...DEFAULT_TUNING, holdMs, backoff: { baseMs: 1_000, capMs: 1_000, jitter: 'none' } };
}

const IDLE_CUT: Faults = { ...NO_FAULTS, idleCutMs: IDLE_CUT_MS };

/** A 10-minute window; with the set-up lead, 11 scenario minutes run in 2 real s. */
const START = 10 * MINUTE;
const END = 20 * MINUTE;
const TIME_SCALE = 330;

function quietWorld(events: readonly EventInput[] = []): World {
  return buildTestWorld(events, { start: START, end: END });
}

/** Returns the distinct times from each poll's send to its outcome, in ms. */
function holdTimes(polls: readonly PollRecord[]): number[] {
  return [...new Set(polls.map((poll) => poll.receivedAt - poll.sentAt))];
}

function describeRun(label: string, runs: BothModes): void {
  console.info(
    `${label}: sim ${runs.sim.requests} requests, ${runs.sim.resets} resets; ` +
      `live ${runs.live.requests} requests, ${runs.live.resets} resets; ` +
      `live times to outcome ${holdTimes(runs.livePolls).join(', ')} ms`,
  );
}

describe('long-poll held under the idle limit', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(quietWorld(), {
      strategy: 'long-poll',
      tuning: tuningWithHold(50_000),
      faults: IDLE_CUT,
      timeScale: TIME_SCALE,
    });
    describeRun('long-poll, hold 50 s, idle cut 60 s', runs);
  }, 30_000);

  it('sees no resets live', () => {
    expect(runs.live.resets).toBe(0);
  });

  it('gets a 200 every hold', () => {
    expect(countStatus(runs.livePolls, 200)).toBe(runs.livePolls.length);
  });

  it('waits the hold each time', () => {
    expect(holdTimes(runs.livePolls)).toEqual([50_000 + 2 * LATENCY_MS]);
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });
});

describe('long-poll held past the idle limit', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(quietWorld(), {
      strategy: 'long-poll',
      tuning: tuningWithHold(120_000),
      faults: IDLE_CUT,
      timeScale: TIME_SCALE,
    });
    describeRun('long-poll, hold 120 s, idle cut 60 s', runs);
  }, 30_000);

  it('gets cut every time live', () => {
    expect(countStatus(runs.livePolls, 0)).toBe(runs.livePolls.length);
  });

  it('is cut after 60 s', () => {
    expect(holdTimes(runs.livePolls)).toEqual([IDLE_CUT_MS + 2 * LATENCY_MS]);
  });

  it('counts a reset per cut', () => {
    expect(runs.live.resets).toBe(runs.livePolls.length);
  });

  it('counts the resets of sim', () => {
    expect(runs.live.resets).toBe(runs.sim.resets);
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });
});

describe('long-poll with an event at a cut', () => {
  let runs: BothModes;

  beforeAll(async () => {
    // A run without events shows when the third long poll reaches the producer, and its cut
    // comes 60 s later. A run with an event at that time is the same until then.
    const quietPolls: PollRecord[] = [];
    simulate(quietWorld(), {
      strategy: recordingStrategy('long-poll', quietPolls),
      interval: { kind: 'constant', value: MINUTE },
      align: 'epoch',
      latency: { kind: 'constant', value: LATENCY_MS },
      seed: 1,
      tuning: tuningWithHold(120_000),
      faults: IDLE_CUT,
    });
    const third = quietPolls[2];
    if (third === undefined) throw new Error('the quiet run made fewer than three long polls');
    const cutAt = third.sentAt + LATENCY_MS + IDLE_CUT_MS;

    runs = await runBothModes(quietWorld([{ time: cutAt }]), {
      strategy: 'long-poll',
      tuning: tuningWithHold(120_000),
      faults: IDLE_CUT,
      timeScale: TIME_SCALE,
    });
    describeRun(`long-poll, event at the cut at ${cutAt} ms`, runs);
  }, 30_000);

  it('reaches the consumer live', () => {
    expect(runs.live.events.notified).toBe(1);
  });

  it('misses nothing live', () => {
    expect(runs.live.events.missed).toBe(0);
  });

  it('counts the resets of sim', () => {
    expect(runs.live.resets).toBe(runs.sim.resets);
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });
});

/** An outage from 14:00 to 14:30 after the epoch, with no idle limit. */
const OUTAGE: Faults = {
  ...NO_FAULTS,
  producer: { ...NO_FAULTS.producer, outage: [{ start: 14 * MINUTE, end: 14.5 * MINUTE }] },
};

describe('long-poll across an outage', () => {
  let runs: BothModes;

  beforeAll(async () => {
    runs = await runBothModes(quietWorld([{ time: 14.25 * MINUTE }]), {
      strategy: 'long-poll',
      tuning: tuningWithHold(120_000),
      faults: OUTAGE,
      timeScale: TIME_SCALE,
    });
    describeRun('long-poll, hold 120 s, outage 14:00-14:30', runs);
  }, 30_000);

  it('is cut once at the start', () => {
    expect(runs.live.resets).toBe(1);
  });

  it('counts the resets of sim', () => {
    expect(runs.live.resets).toBe(runs.sim.resets);
  });

  it('gets the 503s of sim', () => {
    expect(countStatus(runs.livePolls, 503)).toBe(countStatus(runs.simPolls, 503));
  });

  it('counts the same requests', () => {
    expect(runs.live.requests).toBe(runs.sim.requests);
  });

  it('misses nothing live', () => {
    expect(runs.live.events.missed).toBe(0);
  });
});
