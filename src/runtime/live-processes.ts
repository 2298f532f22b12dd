import type { Effect, StrategyProcess } from '../strategies/effects.ts';
import type { ProcessClock } from './live-clock.ts';

/** Performs one effect for real and returns what the process is resumed with. */
export type Perform = (effect: Effect, consumer: number, clock: ProcessClock) => Promise<unknown>;

/**
 * Drives strategy processes for real and reports when none is left running. A process that waits
 * for a push counts as idle, because a run may end while consumers still wait for pushes that
 * will never come.
 */
export class ProcessGroup {
  private running = 0;
  private stepping: ProcessClock | undefined;

  constructor(
    private readonly perform: Perform,
    private readonly signal: AbortSignal,
    /** Called each time the number of running processes falls to zero. */
    private readonly onIdle: () => void,
    /** Called with an error a process raised, other than the one that stopping it causes. */
    private readonly onError: (error: unknown) => void,
  ) {}

  get active(): number {
    return this.running;
  }

  /**
   * The clock of the process whose generator is running, which is the process that any
   * running strategy code belongs to. A context's `now()` reads it, so that a spawned process
   * with a clock of its own reads its own time rather than that of the process that spawned it.
   */
  get current(): ProcessClock | undefined {
    return this.stepping;
  }

  start(generator: StrategyProcess, consumer: number, clock: ProcessClock): void {
    this.running++;
    void this.drive(generator, consumer, clock).finally(() => this.pause());
  }

  /** Marks a running process as waiting for something outside the group, such as a push. */
  pause(): void {
    this.running--;
    if (this.running === 0) this.onIdle();
  }

  /** Marks a waiting process as running again. */
  wake(): void {
    this.running++;
  }

  /** Steps a process, performing each effect for real, until it ends or the run stops. */
  private async drive(
    generator: StrategyProcess,
    consumer: number,
    clock: ProcessClock,
  ): Promise<void> {
    let input: unknown;

    try {
      for (;;) {
        this.stepping = clock;
        const step = generator.next(input);
        if (step.done === true) return;
        input = await this.perform(step.value, consumer, clock);
      }
    } catch (error: unknown) {
      if (!this.signal.aborted) this.onError(error);
    }
  }
}
