import { describe, expect, it } from 'vitest';
import type { AttemptTiming } from '../../src/live/delivery-attempt.ts';
import { runAttempt, settleAttempt } from '../../src/live/delivery-attempt.ts';
import type { PostOutcome } from '../../src/live/webhook-sender.ts';

/** The attempt's post went out at 1,000 and the sender waits until 6,000 (scenario ms). */
const SENT_AT = 1_000;
const DEADLINE = 6_000;

/**
 * Builds the timing of one attempt at a time scale of 10, with no real waiting. Each message
 * takes `delay` ms on the wire, or is lost when `delay` is undefined.
 */
function timingWith(delay: number | undefined, realNow = SENT_AT): AttemptTiming {
  return {
    clock: { now: SENT_AT },
    deadline: DEADLINE,
    timeScale: 10,
    realNow: () => realNow,
    transit: () => delay,
    sleepUntil: async () => {},
  };
}

describe('settled attempt results', () => {
  it('delivers a reply before the deadline', async () => {
    const outcome: PostOutcome = { state: 'delivered', status: 204, repliedAt: 2_000 };

    const result = await settleAttempt(outcome, timingWith(500));

    expect(result).toEqual({ state: 'delivered', status: 204 });
  });

  it('fails a reply stated too late', async () => {
    const outcome: PostOutcome = { state: 'delivered', status: 204, repliedAt: 7_000 };

    const result = await settleAttempt(outcome, timingWith(0));

    expect(result).toEqual({ state: 'failed', status: 0 });
  });

  it('fails a reply delayed past the deadline', async () => {
    const outcome: PostOutcome = { state: 'delivered', status: 204, repliedAt: 5_000 };

    const result = await settleAttempt(outcome, timingWith(1_500));

    expect(result).toEqual({ state: 'failed', status: 0 });
  });

  it('fails a timed-out post with 0', async () => {
    const outcome: PostOutcome = { state: 'failed', reason: 'timed out' };

    const result = await settleAttempt(outcome, timingWith(0));

    expect(result).toEqual({ state: 'failed', status: 0 });
  });

  it('passes status and Retry-After on', async () => {
    const outcome: PostOutcome = {
      state: 'failed',
      status: 503,
      reason: 'the receiver answered 503',
      retryAfter: '120',
      repliedAt: SENT_AT,
    };

    const result = await settleAttempt(outcome, timingWith(0));

    expect(result).toEqual({ state: 'failed', status: 503, retryAfter: '120' });
  });

  it('fails a refusal with 0', async () => {
    const outcome: PostOutcome = { state: 'failed', reason: 'UND_ERR_SOCKET' };

    const result = await settleAttempt(outcome, timingWith(0));

    expect(result).toEqual({ state: 'failed', status: 0 });
  });
});

describe('settled attempt on a lossy wire', () => {
  it('fails a lost reply with 0', async () => {
    const outcome: PostOutcome = { state: 'delivered', status: 204, repliedAt: 2_000 };

    const result = await settleAttempt(outcome, timingWith(undefined));

    expect(result).toEqual({ state: 'failed', status: 0 });
  });

  it('resumes at the deadline after a loss', async () => {
    const timing = timingWith(undefined);

    await settleAttempt({ state: 'delivered', status: 204, repliedAt: 2_000 }, timing);

    expect(timing.clock.now).toBe(DEADLINE);
  });
});

describe('attempt run', () => {
  it('sends nothing when the push is lost', async () => {
    const timeouts: number[] = [];

    await runAttempt(timingWith(undefined), async (timeoutMs) => {
      timeouts.push(timeoutMs);
      return { state: 'delivered', status: 204 };
    });

    expect(timeouts).toEqual([]);
  });

  it('fails a lost push with 0', async () => {
    const result = await runAttempt(timingWith(undefined), async () => ({
      state: 'delivered',
      status: 204,
    }));

    expect(result).toEqual({ state: 'failed', status: 0 });
  });

  // 4,500 scenario ms are left after the 500 ms outbound delay, 450 real ms at a scale of 10,
  // and the sender waits at least a real second.
  it('waits at least a real second', async () => {
    const timeouts: number[] = [];

    await runAttempt(timingWith(500), async (timeoutMs) => {
      timeouts.push(timeoutMs);
      return { state: 'delivered', status: 204, repliedAt: 1_500 };
    });

    expect(timeouts).toEqual([1_000]);
  });

  it('delivers after both delays', async () => {
    const timing = timingWith(500);

    await runAttempt(timing, async () => ({ state: 'delivered', status: 204, repliedAt: 1_500 }));

    expect(timing.clock.now).toBe(2_000);
  });
});

describe('settled attempt times', () => {
  it('resumes when the reply is back', async () => {
    const timing = timingWith(500);

    await settleAttempt({ state: 'delivered', status: 204, repliedAt: 2_000 }, timing);

    expect(timing.clock.now).toBe(2_500);
  });

  it('resumes at the deadline after a timeout', async () => {
    const timing = timingWith(0);

    await settleAttempt({ state: 'failed', reason: 'timed out' }, timing);

    expect(timing.clock.now).toBe(DEADLINE);
  });

  it('resumes at the deadline after a late reply', async () => {
    const timing = timingWith(0);

    await settleAttempt({ state: 'delivered', status: 204, repliedAt: 9_000 }, timing);

    expect(timing.clock.now).toBe(DEADLINE);
  });

  // A refusal in the simulator comes back at once, so real time spent on it must not count.
  it('resumes at once after a refusal', async () => {
    const timing = timingWith(0, SENT_AT + 300);

    await settleAttempt({ state: 'failed', reason: 'ECONNREFUSED' }, timing);

    expect(timing.clock.now).toBe(SENT_AT);
  });

  it('uses the real clock otherwise', async () => {
    const timing = timingWith(0, 4_000);

    await settleAttempt({ state: 'delivered', status: 204 }, timing);

    expect(timing.clock.now).toBe(4_000);
  });
});
