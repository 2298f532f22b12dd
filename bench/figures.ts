import type { Statistics, Task } from 'tinybench';

/** Whether a larger or a smaller value of a figure is the better one. */
export type Direction = 'bigger' | 'smaller';

/** One reported figure: the median of its samples, with their range. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
  readonly direction: Direction;
  /** The derivation of the figure, where its name leaves it out. */
  readonly note?: string;
  /**
   * Set on figures of the seeded simulator, which repeat exactly from run to run: any change
   * is a change of the model, not noise. They have one sample and no range.
   */
  readonly deterministic?: boolean;
}

/** Median, smallest and largest of some samples, and how many there were. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** Returns a finished task's latency statistics (ms per call); throws if the task failed. */
export function latencyOf(task: Task): Statistics {
  const result = task.result;

  if (result.state === 'errored') throw result.error;
  if (result.state !== 'completed') {
    throw new Error(`benchmark task '${task.name}' ended in state '${result.state}'`);
  }
  return result.latency;
}

/**
 * Builds a rate figure (work units per second) from a task whose every call does `work` units.
 * The median rate is the work over the median call time, and the range comes from the slowest
 * and fastest calls.
 */
export function rateFigure(name: string, unit: string, task: Task, work: number): Figure {
  const latency = latencyOf(task);
  const perSecond = (ms: number) => (work * 1000) / ms;

  return {
    name,
    unit,
    value: perSecond(latency.p50),
    min: perSecond(latency.max),
    max: perSecond(latency.min),
    samples: latency.samplesCount,
    direction: 'bigger',
  };
}

/** Builds a wall-time figure in seconds from a task's call times. */
export function secondsFigure(name: string, task: Task): Figure {
  const latency = latencyOf(task);

  return {
    name,
    unit: 's',
    value: latency.p50 / 1000,
    min: latency.min / 1000,
    max: latency.max / 1000,
    samples: latency.samplesCount,
    direction: 'smaller',
  };
}

/** Summarizes samples; the median of an even count is the mean of the middle two. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('cannot summarize an empty list of samples');

  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;

  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    count: sorted.length,
  };
}

/** Builds a figure from samples collected outside tinybench, such as a child's peak memory. */
export function summaryFigure(
  name: string,
  unit: string,
  direction: Direction,
  values: readonly number[],
): Figure {
  const { median, min, max, count } = summarize(values);
  return { name, unit, value: median, min, max, samples: count, direction };
}
