import type { Random } from '../engine/random.ts';
import type { ConsumerFaults } from '../model/faults.ts';
import type { ReceiverOutcome } from '../runtime/sim-receiver.ts';
import { SimReceiver } from '../runtime/sim-receiver.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';

/** The scenario clock of a live run, as the webhook receiver needs it. */
export interface ScenarioClock {
  /** Current scenario time by the real clock, in ms since the Unix epoch. */
  now(): number;
  /** Waits until scenario time `time`; rejects when the run stops. */
  sleepUntil(time: number): Promise<void>;
}

export interface ReceiverBehaviourOptions {
  readonly faults: ConsumerFaults;
  readonly tuning: StrategyTuning;
  /** The run's stream for fault draws, the one the simulator's receiver draws from. */
  readonly draws: Random;
  readonly clock: ScenarioClock;
}

/** The receiver's decision on one post: the simulator's outcome, with the arrival time. */
export type Arrival = ReceiverOutcome & { readonly at: number };

/**
 * The webhook receiver of a live run, made to behave as the simulator's: it refuses posts while
 * the consumer is down, fails a seeded share of them with a 500, and otherwise does the work of
 * `tuning.workMs` and replies before or after it as `tuning.ack` sets. The decisions are the
 * simulator's own, drawn from the same stream, so a run of the same seed decides the same way
 * as long as posts arrive in the same order.
 *
 * It also tracks the work still running after a reply, such as a hand-off due after an early
 * acknowledgement, so that the run does not end before the consumer has every event.
 *
 * NOTE: the simulator also draws network losses from this stream, while a live run draws the
 * losses of pushes from a copy in the producer's process. With losses and random receiver
 * faults both on, the two modes therefore draw different values and agree only on average.
 */
export class ReceiverBehaviour {
  private readonly decisions: SimReceiver;
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: ReceiverBehaviourOptions) {
    this.decisions = new SimReceiver(options.faults, options.tuning, options.draws);
  }

  /**
   * Decides what happens to a post that arrives now. The receiver takes `sentAt`, the scenario
   * time the sender stated, as the arrival time, so the decision does not depend on how late
   * the real post ran. Without it, the arrival time is read from the run's clock.
   */
  arrive(sentAt: number | undefined): Arrival {
    const at = sentAt ?? this.options.clock.now();
    return { ...this.decisions.receive(at), at };
  }

  /**
   * Runs `task` at scenario time `time`, counted as pending work until it has run. When the run
   * stops first, the task never runs, because no consumer is left to take the events.
   */
  runAt(time: number, task: () => void): Promise<void> {
    // A task already due runs at once: a timer, even of 0 ms, waits its turn on a busy event
    // loop, and that wait would add to the latency without being counted in the run's slack.
    if (this.options.clock.now() >= time) {
      task();
      return Promise.resolve();
    }

    return this.track(async () => {
      if (await this.sleptUntil(time)) task();
    });
  }

  /** Waits until scenario time `time`, counted as pending work; false when the run stopped. */
  waitUntil(time: number): Promise<boolean> {
    return this.track(() => this.sleptUntil(time));
  }

  /** Resolves once no work is pending: at once when none is. */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Sleeps until `time`; the sleep fails only when the run stops, which this returns as false.
   * Node 20 measures a timer from the event loop's time cached when the current turn began, so
   * a timer set late in a busy turn fires a few ms early, and this then sleeps once more.
   */
  private async sleptUntil(time: number): Promise<boolean> {
    const { clock } = this.options;
    try {
      await clock.sleepUntil(time);
      if (clock.now() < time) await clock.sleepUntil(time);
      return true;
    } catch {
      return false;
    }
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await work();
    } finally {
      this.pending--;
      if (this.pending === 0) this.wakeWaiters();
    }
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
