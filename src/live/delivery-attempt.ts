import type { ProcessClock } from '../runtime/live-clock.ts';
import type { DeliveryResult } from '../strategies/effects.ts';
import type { PostOutcome } from './webhook-sender.ts';
import { TIMED_OUT_REASON } from './webhook-sender.ts';

/**
 * The shortest real wait for a receiver's reply, in ms. The reply's stated scenario time, not
 * the real wait, decides whether it came in time, so a longer wait changes no outcome. It only
 * keeps a loopback hiccup on a busy machine from cutting off a reply that was in time.
 */
const MIN_REAL_TIMEOUT_MS = 1_000;

/** The clocks, the wire and the deadline of one delivery attempt in the producer's process. */
export interface AttemptTiming {
  /** The delivery process's clock, which the attempt moves to when it ends. */
  readonly clock: ProcessClock;
  /** Scenario time at which the sender stops waiting for the reply. */
  readonly deadline: number;
  /** Scenario ms per real ms. */
  readonly timeScale: number;
  /** The run's scenario time by the real clock. */
  realNow(): number;
  /** Draws the one-way delay of one message in ms, or `undefined` when the wire loses it. */
  transit(): number | undefined;
  sleepUntil(time: number): Promise<void>;
}

/**
 * Runs one delivery attempt as the simulator does: the push crosses the wire (or is lost, and
 * the attempt fails at its deadline), `post` sends it, and `settleAttempt` judges the reply.
 * `post` gets the real ms it may wait for the reply.
 */
export async function runAttempt(
  timing: AttemptTiming,
  post: (timeoutMs: number) => Promise<PostOutcome>,
): Promise<DeliveryResult> {
  const { clock, deadline } = timing;
  const outbound = timing.transit();
  if (outbound === undefined) return failAtDeadline(timing);

  clock.now += outbound;
  await timing.sleepUntil(clock.now);

  const timeoutMs = Math.max(MIN_REAL_TIMEOUT_MS, (deadline - clock.now) / timing.timeScale);
  return settleAttempt(await post(timeoutMs), timing);
}

/**
 * Turns a post's outcome into the attempt's result, and moves the delivery process's clock to
 * when the simulator would resume it. A reply counts only when it is back, after the return
 * delay, by the deadline. A reply that comes later, is lost on the way back, or never comes
 * fails the attempt at the deadline with status 0.
 */
export async function settleAttempt(
  outcome: PostOutcome,
  timing: AttemptTiming,
): Promise<DeliveryResult> {
  const repliedAt = replyTime(outcome, timing);
  if (repliedAt > timing.deadline) return failAtDeadline(timing);

  const inbound = timing.transit();
  if (inbound === undefined || repliedAt + inbound > timing.deadline) {
    return failAtDeadline(timing);
  }

  timing.clock.now = Math.max(timing.clock.now, repliedAt + inbound);
  await timing.sleepUntil(timing.clock.now);

  if (outcome.state === 'delivered') return { state: 'delivered', status: outcome.status };
  return { state: 'failed', status: outcome.status ?? 0, retryAfter: outcome.retryAfter };
}

async function failAtDeadline(timing: AttemptTiming): Promise<DeliveryResult> {
  timing.clock.now = Math.max(timing.clock.now, timing.deadline);
  await timing.sleepUntil(timing.clock.now);
  return { state: 'failed', status: 0 };
}

/** When the receiver replied, in scenario time; infinity when no reply came in time. */
function replyTime(outcome: PostOutcome, timing: AttemptTiming): number {
  const sentAt = timing.clock.now;
  if (outcome.state === 'failed' && outcome.reason === TIMED_OUT_REASON) {
    return Number.POSITIVE_INFINITY;
  }

  // The run's receiver states when it replied, which is free of real delays.
  if (outcome.repliedAt !== undefined) return Math.max(sentAt, outcome.repliedAt);

  // A refused or cut connection fails at once, as a refusal does in the simulator.
  if (outcome.status === undefined) return sentAt;

  // A receiver outside the run states no time, so the reply time is read from the real clock.
  return Math.max(sentAt, timing.realNow());
}
