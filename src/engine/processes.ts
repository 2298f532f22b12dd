import type { Random } from './random.ts';

/** Milliseconds in a day, the period of daily cycles. */
export const DAY_MS = 86_400_000;

/** Returns true with probability `p`. */
export function chance(p: number, random: Random): boolean {
  return random.next() < p;
}

/** Draws an exponential gap with mean `1 / rate`; `rate` is per ms. */
export function exponentialGap(rate: number, random: Random): number {
  return -Math.log(1 - random.next()) / rate;
}

/** Returns the times of a Poisson process of `rate` per ms in [start, end), in order. */
export function poissonTimes(rate: number, start: number, end: number, random: Random): number[] {
  const times: number[] = [];
  if (!(rate > 0)) return times;

  for (let time = start + exponentialGap(rate, random); time < end; ) {
    times.push(time);
    time += exponentialGap(rate, random);
  }
  return times;
}

/**
 * Draws a count from the geometric distribution on 1, 2, 3, ... with the given mean (at least
 * 1). Each further item follows with probability 1 - 1 / mean, so the count has variance
 * mean * (mean - 1).
 */
export function geometricCount(mean: number, random: Random): number {
  if (mean <= 1) return 1;

  const more = 1 - 1 / mean;
  return 1 + Math.floor(Math.log(1 - random.next()) / Math.log(more));
}

/** A daily cycle of an event rate: a cosine that peaks at one hour of the day, in UTC. */
export interface DailyCycle {
  /** Mean rate over a whole day, in events per ms. */
  readonly rate: number;
  /** Hour of the day, 0 to 24, at which the rate is highest. */
  readonly peakHour: number;
  /** How far the rate swings either way, as a share of the mean, 0 to 1. */
  readonly swing: number;
}

/** Returns the rate of a daily cycle at `time`, in events per ms. */
export function dailyRate(cycle: DailyCycle, time: number): number {
  const hours = (((time % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  const phase = (2 * Math.PI * (hours - cycle.peakHour)) / 24;
  return cycle.rate * (1 + cycle.swing * Math.cos(phase));
}

/**
 * Returns the times in [start, end) of a Poisson process whose rate follows a daily cycle. It
 * thins a process at the peak rate: each of its times is kept with probability rate(t) / peak
 * rate, which gives exactly the non-homogeneous Poisson process.
 */
export function dailyCycleTimes(
  cycle: DailyCycle,
  start: number,
  end: number,
  random: Random,
): number[] {
  const peak = cycle.rate * (1 + cycle.swing);
  const candidates = poissonTimes(peak, start, end, random);
  return candidates.filter((time) => random.next() * peak < dailyRate(cycle, time));
}
