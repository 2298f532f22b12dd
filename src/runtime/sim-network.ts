import type { Distribution } from '../engine/distributions.ts';
import { sample } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import type { NetworkFaults } from '../model/faults.ts';

/**
 * The simulated wire: draws each message's one-way delay, and with faults on, whether it is
 * lost and whether it is held back. Faults draw from a stream of their own, so turning one on
 * leaves every delay of a run as it was.
 */
export class SimNetwork {
  /** True when every message arrives at once: no delay, no loss. */
  readonly instant: boolean;
  private readonly faulty: boolean;

  constructor(
    private readonly latency: Distribution,
    private readonly faults: NetworkFaults,
    private readonly delays: Random,
    private readonly faultDraws: Random,
  ) {
    this.faulty = faults.loss > 0 || faults.reorder > 0;
    this.instant = !this.faulty && latency.kind === 'constant' && latency.value === 0;
  }

  /** Draws a one-way delay; draws below zero, possible with a normal distribution, count as 0. */
  delay(): number {
    if (this.instant) return 0;
    return Math.max(0, sample(this.latency, this.delays));
  }

  /** Draws the fate of one message: its delay, or `undefined` when it is lost. */
  transit(): number | undefined {
    const delay = this.delay();
    if (!this.faulty) return delay;

    if (this.faults.loss > 0 && this.faultDraws.next() < this.faults.loss) return undefined;
    if (this.faults.reorder > 0 && this.faultDraws.next() < this.faults.reorder) {
      return delay + Math.max(0, sample(this.faults.reorderDelay, this.faultDraws));
    }
    return delay;
  }
}
