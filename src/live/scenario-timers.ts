import type { LiveClock } from '../runtime/live-clock.ts';
import { realNow } from '../runtime/live-clock.ts';

/** A task that runs at a scenario time; it gets that time, not the later one its timer fired at. */
export type TimedTask = (time: number) => void;

/**
 * Runs tasks at scenario times on a live clock. Tasks added before the clock starts wait for it,
 * and a task whose time has passed runs on the next turn of the event loop. Each task gets its
 * own scenario time, so a late timer does not change what the task decides.
 */
export class ScenarioTimers {
  private clock: LiveClock | undefined;
  private waiting: { time: number; task: TimedTask }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Starts running tasks on `clock`, the waiting ones first. */
  start(clock: LiveClock): void {
    this.clock = clock;

    const waiting = this.waiting;
    this.waiting = [];
    for (const { time, task } of waiting) this.at(time, task);
  }

  /** Runs `task` at scenario time `time`, or at once when it has passed. */
  at(time: number, task: TimedTask): void {
    if (this.stopped) return;

    const clock = this.clock;
    if (clock === undefined) {
      this.waiting.push({ time, task });
      return;
    }

    const due = clock.realStart + (time - clock.scenarioStart) / clock.timeScale;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        clock.noteLate(time);
        task(time);
      },
      Math.max(0, due - realNow()),
    );
    this.timers.add(timer);
  }

  /** Cancels every task, and drops the ones added later. */
  stop(): void {
    this.stopped = true;
    this.waiting = [];
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
