import type { CdfPoint } from '../metrics/latency.ts';
import type { World } from '../model/world.ts';
import type { StrategyTimeline, TimelineEntry } from './timeline.ts';

/** The data that the charts of one strategy's run draw, beyond the figures of its result. */
export interface StrategyCurves {
  readonly strategy: string;
  /** The distribution of notification latencies, smallest first; empty when none was had. */
  readonly latencyCdf: readonly CdfPoint[];
  /** Requests reaching the producer and pushes it sent, counted in bins across the window. */
  readonly load: LoadBins;
  /** The messages of one consumer, the first, with the events it wants. */
  readonly conversation: StrategyTimeline;
}

/** Counts in bins of equal length, from the window's start to its end. */
export interface LoadBins {
  /** Start of the first bin, in ms since the Unix epoch. */
  readonly start: number;
  readonly binMs: number;
  /** Requests that reached the producer in each bin: polls, long polls and stream opens. */
  readonly requests: readonly number[];
  /** Pushes the producer sent in each bin: webhook attempts and stream messages. */
  readonly pushes: readonly number[];
}

/**
 * At most about this many bins across a window: enough to show a herd, few enough to see each
 * one. Bins much longer than a poll interval would blur a herd's spikes.
 */
const TARGET_BINS = 240;

/** Bin lengths that read well on an axis, in ms, shortest first. */
const NICE_BINS_MS: readonly number[] = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Picks the shortest readable bin that cuts the window into at most about `TARGET_BINS`. */
export function binLength(windowMs: number): number {
  const wanted = windowMs / TARGET_BINS;
  const nice = NICE_BINS_MS.find((length) => length >= wanted);
  if (nice !== undefined) return nice;

  const day = NICE_BINS_MS[NICE_BINS_MS.length - 1] as number;
  return Math.ceil(wanted / day) * day;
}

/**
 * Counts the requests and pushes of a run into bins across the window, from its observer's
 * entries. A request counts when it is sent. Entries outside the window, such as subscribing
 * before it opens, are left out, as they are from the load peaks.
 */
export class LoadCounter {
  private readonly start: number;
  private readonly end: number;
  private readonly binMs: number;
  private readonly requests: number[];
  private readonly pushes: number[];

  constructor(world: World) {
    this.start = world.windowStart;
    this.end = world.windowEnd;
    this.binMs = binLength(Math.max(1, this.end - this.start));

    const bins = Math.max(1, Math.ceil((this.end - this.start) / this.binMs));
    this.requests = new Array<number>(bins).fill(0);
    this.pushes = new Array<number>(bins).fill(0);
  }

  readonly observe = (entry: TimelineEntry): void => {
    if (entry.time < this.start || entry.time >= this.end) return;
    const bin = Math.floor((entry.time - this.start) / this.binMs);

    if (entry.kind === 'poll' || entry.kind === 'connect') {
      this.requests[bin] = (this.requests[bin] ?? 0) + 1;
    } else if (entry.kind === 'push') {
      this.pushes[bin] = (this.pushes[bin] ?? 0) + 1;
    }
  };

  finish(): LoadBins {
    return { start: this.start, binMs: this.binMs, requests: this.requests, pushes: this.pushes };
  }
}
