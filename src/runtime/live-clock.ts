import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** Real time in ms since the Unix epoch, with sub-ms resolution, comparable across processes. */
export function realNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Maps real time to scenario time for a live run: scenario time starts at `scenarioStart` when
 * the real clock reads `realStart`, and runs `timeScale` times faster. It also notes the worst
 * lateness of its timers, which bounds how far live latencies can drift from simulated ones.
 */
export class LiveClock {
  /**
   * Latest, in real ms, that work noted with `noteLate` ran after its scenario time came on the
   * real clock. Each timer notes when it fires, so timer lateness is included.
   */
  lateMs = 0;

  constructor(
    readonly scenarioStart: number,
    readonly realStart: number,
    readonly timeScale: number,
    private readonly signal: AbortSignal,
  ) {}

  /** Current scenario time from the real clock. */
  now(): number {
    return this.scenarioStart + (realNow() - this.realStart) * this.timeScale;
  }

  /** Waits until scenario time `until`; returns at once when it has passed. */
  async sleepUntil(until: number): Promise<void> {
    await this.sleepUntilReal(this.realTimeOf(until));
  }

  /** Notes how late the real clock is for work meant to run at scenario time `time`. */
  noteLate(time: number): void {
    this.lateMs = Math.max(this.lateMs, realNow() - this.realTimeOf(time));
  }

  private realTimeOf(time: number): number {
    return this.realStart + (time - this.scenarioStart) / this.timeScale;
  }

  /** Waits until the real clock reads `due` (epoch ms). */
  async sleepUntilReal(due: number): Promise<void> {
    const wait = due - realNow();
    if (wait <= 0) return;

    await sleep(wait, undefined, { signal: this.signal });
    this.lateMs = Math.max(this.lateMs, realNow() - due);
  }
}

/**
 * A process's own scenario clock: the time at which the simulator would be running it. Timers
 * fire a little late, so the real clock runs ahead of this one. Decisions and the times sent to
 * the producer follow this clock, while latencies use the real one.
 */
export interface ProcessClock {
  now: number;
}

/**
 * Creates the controller that stops a live run. Every pending timer and request listens on its
 * signal, so there are often more than the 10 listeners after which Node warns of a leak.
 */
export function createAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
