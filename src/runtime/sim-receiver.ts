import { sample } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import type { ConsumerFaults } from '../model/faults.ts';
import { inWindow } from '../model/faults.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';

/** The outcome of a push that reaches the consumer's webhook receiver. */
export type ReceiverOutcome =
  /** Down: the connection is refused and the sender learns at once. */
  | { readonly kind: 'refused' }
  /** The receiver responds with an error status and does no work. */
  | { readonly kind: 'error'; readonly status: number }
  /** The side effect is done at `handleAt` and the 2xx leaves at `replyAt`. */
  | { readonly kind: 'accepted'; readonly handleAt: number; readonly replyAt: number };

/**
 * The simulated webhook receiver. One that acknowledges first replies before its work, so a
 * slow handler never makes the sender time out. One that processes first replies only after
 * its work, so a sender with a shorter timeout retries a push that was in fact handled.
 */
export class SimReceiver {
  constructor(
    private readonly faults: ConsumerFaults,
    private readonly tuning: StrategyTuning,
    private readonly draws: Random,
  ) {}

  /** Decides what happens to a push that reaches the receiver at `now`. */
  receive(now: number): ReceiverOutcome {
    if (inWindow(this.faults.downtime, now)) return { kind: 'refused' };
    if (this.faults.errorRate > 0 && this.draws.next() < this.faults.errorRate) {
      return { kind: 'error', status: 500 };
    }

    const handleAt = now + this.tuning.workMs;
    const replyDelay = Math.max(0, sample(this.faults.replyDelay, this.draws));
    const replyAt = (this.tuning.ack === 'first' ? now : handleAt) + replyDelay;
    return { kind: 'accepted', handleAt, replyAt };
  }
}
