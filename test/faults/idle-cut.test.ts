import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { EventInput } from '../../src/model/event-log.ts';
import type { PollResponse } from '../../src/model/producer.ts';
import { findStrategy } from '../../src/strategies/index.ts';
import { FINAL_RETRIES } from '../../src/strategies/poll-schedule.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';
import type { Exchange } from './fault-worlds.ts';
import { at, faultsWith, recording, tuningWith } from './fault-worlds.ts';

const CUT = 60 * SECOND;
const QUIET = 600;

/** A long poller behind a proxy that cuts connections idle for 60 s; 10 quiet minutes. */
function runBehindProxy(holdMs: number, events: readonly EventInput[] = [], log: Exchange[] = []) {
  return runStrategy(
    recording(findStrategy('long-poll')!, log),
    buildTestWorld(events, {
      end: at(QUIET),
    }),
    {
      latency: constant(0),
      tuning: tuningWith({ holdMs }),
      faults: faultsWith({ idleCutMs: CUT }),
    },
  );
}

describe('a hold longer than the idle limit', () => {
  const result = runBehindProxy(120 * SECOND);

  it('is reset every 60 s', () => {
    // The consumer starts within one hold of a minute before the window and reconnects within
    // a second of each cut, so each cut takes 60 s and up to 1 s more. After the window it
    // retries a cut request up to FINAL_RETRIES times before it stops.
    const span = (QUIET + 60) * SECOND;
    const lowest = Math.floor((span - 120 * SECOND) / (CUT + SECOND));
    expect(result.resets).toBeGreaterThanOrEqual(lowest);
    expect(result.resets).toBeLessThanOrEqual(Math.ceil(span / CUT) + FINAL_RETRIES + 1);
  });
});

describe('a hold shorter than the idle limit', () => {
  const result = runBehindProxy(50 * SECOND);

  it('sees no resets', () => {
    expect(result.resets).toBe(0);
  });
});

describe('an event at the moment of a cut', () => {
  const log: Exchange[] = [];
  runBehindProxy(120 * SECOND, [], log);
  const cut = log.find((exchange) => (exchange.result as PollResponse | undefined)?.status === 0);
  const cutTime = cut?.time ?? 0;
  const result = runBehindProxy(120 * SECOND, [{ time: cutTime }]);

  it('finds the cut first', () => {
    expect(cutTime).toBeGreaterThan(0);
  });

  it('still reaches the consumer', () => {
    expect(result.events.notified).toBe(1);
  });

  it('arrives with the next poll', () => {
    // The client polls again within one reconnect wait, at most the 1 s backoff base.
    expect(result.latencyMs.max).toBeLessThanOrEqual(SECOND);
  });
});
