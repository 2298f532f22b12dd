import { describe, expect, it } from 'vitest';
import { constant } from '../../src/engine/distributions.ts';
import type { AckMode } from '../../src/strategies/tuning.ts';
import { buildTestWorld, runStrategy, SECOND } from '../runtime/worlds.ts';
import { everySecond, faultsWith, tuningWith } from './fault-worlds.ts';

/**
 * One event. The sender waits 5 s for a reply and retries twice, 30 s apart; the receiver's
 * work takes 6 s and its reply leaves 1 s after that.
 */
function runSlowReceiver(ack: AckMode) {
  return runStrategy('webhook', buildTestWorld(everySecond(1)), {
    latency: constant(0),
    tuning: tuningWith({
      ack,
      workMs: 6 * SECOND,
      retry: { scheduleMs: [30 * SECOND, 30 * SECOND], jitter: 0, timeoutMs: 5 * SECOND },
    }),
    faults: faultsWith({ consumer: { replyDelay: constant(SECOND) } }),
  });
}

describe('process then acknowledge', () => {
  const result = runSlowReceiver('after');

  it('gets 3 deliveries', () => {
    expect(result.deliveries).toBe(3);
  });

  it('fails every attempt', () => {
    expect(result.failedDeliveries).toBe(3);
    expect(result.retries).toBe(2);
  });

  it('leaves 1 side effect', () => {
    expect(result.events.notified).toBe(1);
    expect(result.events.duplicatesDropped).toBe(2);
  });
});

describe('acknowledge then process', () => {
  const result = runSlowReceiver('first');

  it('gets 1 delivery', () => {
    expect(result.deliveries).toBe(1);
    expect(result.failedDeliveries).toBe(0);
  });

  it('leaves 1 side effect', () => {
    expect(result.events.notified).toBe(1);
  });

  it('finishes the work 6 s late', () => {
    expect(result.latencyMs.max).toBe(6 * SECOND);
  });
});
