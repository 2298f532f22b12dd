import { describe, expect, it } from 'vitest';
import type { HeldPoll, HoldClock } from '../../src/live/held-polls.ts';
import { HeldPolls, holdEnd, planHold } from '../../src/live/held-polls.ts';
import { EventLog } from '../../src/model/event-log.ts';
import type { Faults } from '../../src/model/faults.ts';
import { NO_FAULTS } from '../../src/model/faults.ts';

/** A long poll with a 120 s hold that reaches the producer at 1,000 s. */
const ARRIVAL = 1_000_000;
const HOLD_MS = 120_000;
const REQUEST = { cursor: 0, keys: undefined, hold: HOLD_MS };

function withFaults(idleCutMs: number | undefined, outageStart?: number): Faults {
  const outage = outageStart === undefined ? [] : [{ start: outageStart, end: outageStart + 1 }];
  return { ...NO_FAULTS, idleCutMs, producer: { ...NO_FAULTS.producer, outage } };
}

describe('holdEnd', () => {
  it('expires at the hold', () => {
    expect(holdEnd(ARRIVAL, HOLD_MS, NO_FAULTS)).toEqual({
      time: ARRIVAL + HOLD_MS,
      reason: 'expire',
    });
  });

  it('cuts at the idle limit', () => {
    expect(holdEnd(ARRIVAL, HOLD_MS, withFaults(60_000))).toEqual({
      time: ARRIVAL + 60_000,
      reason: 'cut',
    });
  });

  it('cuts at an equal limit', () => {
    expect(holdEnd(ARRIVAL, HOLD_MS, withFaults(HOLD_MS)).reason).toBe('cut');
  });

  it('ignores a longer limit', () => {
    expect(holdEnd(ARRIVAL, HOLD_MS, withFaults(HOLD_MS + 1)).reason).toBe('expire');
  });

  it('ends at an outage start', () => {
    expect(holdEnd(ARRIVAL, HOLD_MS, withFaults(60_000, ARRIVAL + 30_000))).toEqual({
      time: ARRIVAL + 30_000,
      reason: 'outage',
    });
  });

  it('lets an outage win ties', () => {
    expect(holdEnd(ARRIVAL, HOLD_MS, withFaults(60_000, ARRIVAL + 60_000)).reason).toBe('outage');
  });
});

describe('planHold', () => {
  it('ends at the next event', () => {
    const log = new EventLog([{ time: ARRIVAL + 5_000 }]);

    expect(planHold(log, REQUEST, ARRIVAL, NO_FAULTS)).toEqual({
      time: ARRIVAL + 5_000,
      reason: 'news',
    });
  });

  it('skips events of other keys', () => {
    const log = new EventLog([
      { time: ARRIVAL + 5_000, key: 'b' },
      { time: ARRIVAL + 9_000, key: 'a' },
    ]);

    expect(planHold(log, { ...REQUEST, keys: ['a'] }, ARRIVAL, NO_FAULTS).time).toBe(
      ARRIVAL + 9_000,
    );
  });

  it('lets news win a cut tie', () => {
    const log = new EventLog([{ time: ARRIVAL + 60_000 }]);

    expect(planHold(log, REQUEST, ARRIVAL, withFaults(60_000)).reason).toBe('news');
  });

  it('lets an outage beat news', () => {
    const log = new EventLog([{ time: ARRIVAL + 30_000 }]);

    expect(planHold(log, REQUEST, ARRIVAL, withFaults(60_000, ARRIVAL + 30_000)).reason).toBe(
      'outage',
    );
  });

  it('ignores news after the end', () => {
    const log = new EventLog([{ time: ARRIVAL + 60_001 }]);

    expect(planHold(log, REQUEST, ARRIVAL, withFaults(60_000)).reason).toBe('cut');
  });
});

/** A clock on which every end is already due, so each held poll ends on the next timer turn. */
const DUE_NOW: HoldClock = { realDelayUntil: () => 0, noteLate: () => {} };

interface TestPoll extends HeldPoll {
  readonly outcome: Promise<string>;
}

function testPoll(): TestPoll {
  let settle: (outcome: string) => void = () => {};
  const outcome = new Promise<string>((resolve) => {
    settle = resolve;
  });
  return {
    request: REQUEST,
    arrival: ARRIVAL,
    respond: (time) => settle(`response at ${time}`),
    cut: () => settle('cut'),
    outcome,
  };
}

describe('HeldPolls', () => {
  it('responds to a poll with news', async () => {
    const held = new HeldPolls(new EventLog([{ time: ARRIVAL + 5_000 }]), NO_FAULTS, DUE_NOW);
    const poll = testPoll();

    held.hold(poll);

    expect(await poll.outcome).toBe(`response at ${ARRIVAL + 5_000}`);
  });

  it('cuts a poll at the limit', async () => {
    const held = new HeldPolls(new EventLog([]), withFaults(60_000), DUE_NOW);
    const poll = testPoll();

    held.hold(poll);

    expect(await poll.outcome).toBe('cut');
  });

  it('counts each cut', async () => {
    const held = new HeldPolls(new EventLog([]), withFaults(60_000), DUE_NOW);
    const polls = [testPoll(), testPoll()];

    for (const poll of polls) held.hold(poll);
    await Promise.all(polls.map((poll) => poll.outcome));

    expect(held.cuts).toBe(2);
  });

  it('forgets a released poll', () => {
    const held = new HeldPolls(new EventLog([]), NO_FAULTS, DUE_NOW);

    const release = held.hold(testPoll());
    release();

    expect(held.size).toBe(0);
  });

  it('closes without counting cuts', async () => {
    const later: HoldClock = { realDelayUntil: () => 60_000, noteLate: () => {} };
    const held = new HeldPolls(new EventLog([]), withFaults(60_000), later);
    const poll = testPoll();

    held.hold(poll);
    held.close();
    await poll.outcome;

    expect(held.cuts).toBe(0);
  });
});
