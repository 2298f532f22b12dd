import { SingleBar } from 'cli-progress';

/** Shows how many points of a sweep have finished. */
export interface SweepProgress {
  update(done: number, total: number): void;
  /** Removes the bar and stops its redraw timer, so it must also be called after a failure. */
  stop(): void;
}

/**
 * Draws a progress bar with cli-progress on `terminal`. The bar clears itself when it stops, and
 * it is kept short so that it fits on one line of an 80-column terminal.
 */
export function createSweepProgress(
  terminal: NodeJS.WriteStream,
  flag: string,
  total: number,
): SweepProgress {
  const bar = new SingleBar({
    stream: terminal,
    format: `sweeping ${flag} [{bar}] {value}/{total} points, {duration_formatted}`,
    clearOnComplete: true,
    barsize: 20,
    // cli-progress turns line wrapping off while the bar runs unless this is true, and a Ctrl-C,
    // which ends the process at once, would leave the terminal that way.
    linewrap: true,
  });
  bar.start(total, 0);

  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
