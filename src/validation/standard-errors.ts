/**
 * Standard errors of the simulated figures that the theory checks compare, each derived for
 * Poisson events and a single polling consumer.
 */
import type { Distribution } from '../engine/distributions.ts';
import { moments } from '../engine/distributions.ts';

/** E[X], E[X²], E[X³] and E[X⁴] of a poll interval. */
export interface RawMoments {
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
}

/**
 * Returns the first four raw moments of a constant, uniform or exponential distribution
 * without a range. The first two come from `moments`, so the prediction and its standard error
 * rest on the same figures. Throws for other distributions, which the checks do not use.
 */
export function rawMoments(distribution: Distribution): RawMoments {
  const low = moments(distribution);
  if (low === undefined || distribution.range !== undefined) {
    throw new Error('rawMoments needs a distribution without a range');
  }

  const { mean: m1, meanSquare: m2 } = low;
  switch (distribution.kind) {
    case 'constant':
      return { m1, m2, m3: m1 ** 3, m4: m1 ** 4 };
    case 'uniform':
      return { m1, m2, m3: uniformMoment(distribution, 3), m4: uniformMoment(distribution, 4) };
    case 'exponential':
      return { m1, m2, m3: 6 * m1 ** 3, m4: 24 * m1 ** 4 };
    default:
      throw new Error(`rawMoments does not support ${distribution.kind} distributions`);
  }
}

/** E[X^k] of uniform(a, b) is (b^(k+1) − a^(k+1)) / ((k + 1)(b − a)). */
function uniformMoment(distribution: { min: number; max: number }, k: number): number {
  const { min, max } = distribution;
  if (max === min) return min ** k;
  return (max ** (k + 1) - min ** (k + 1)) / ((k + 1) * (max - min));
}

/**
 * Returns the standard error of the mean notification delay when one consumer polls at
 * renewal intervals X and events come at rate λ (per ms), over `events` events.
 *
 * An event in an interval of length x waits a uniform share of x, so the mean delay is
 * μ = E[X²] / (2 E[X]). Per interval, take Z = Σ over its events of (delay − μ). Its events
 * are Poisson(λx), so E[Z | x] = λx (x/2 − μ) and Var(Z | x) = λx (x²/3 − μx + μ²), which give
 * E[Z²] = λ (E[X³]/3 − μ E[X²] + μ² E[X]) + λ² (E[X⁴]/4 − μ E[X³] + μ² E[X²]).
 * The simulated mean is ΣZ / (number of events) + μ over independent intervals, so by the delta
 * method its variance is E[Z²] / (events × λ E[X]). For a constant interval T this reduces to
 * T² / (12 × events), the variance of a mean of uniform(0, T) draws.
 *
 * A constant network delay shifts every delay alike, so it changes no standard error.
 */
export function meanDelayStandardError(interval: RawMoments, rate: number, events: number): number {
  const { m1, m2, m3, m4 } = interval;
  const mu = m2 / (2 * m1);

  const single = rate * (m3 / 3 - mu * m2 + mu * mu * m1);
  const paired = rate * rate * (m4 / 4 - mu * m3 + mu * mu * m2);
  return Math.sqrt((single + paired) / (events * rate * m1));
}

/**
 * Returns the standard error of a share p measured over `trials` independent trials. Polls at
 * a fixed interval look at disjoint stretches of a Poisson process, so each is empty
 * independently with the same chance.
 */
export function shareStandardError(share: number, trials: number): number {
  return Math.sqrt((share * (1 - share)) / trials);
}

/**
 * Returns the standard error of polls per event, requests / events. The request count is set
 * by the schedule, and a Poisson count N has a relative standard error of 1 / √N, which the
 * ratio inherits.
 */
export function pollsPerEventStandardError(ratio: number, events: number): number {
  return ratio / Math.sqrt(events);
}

/** Chance that a check on a maximum fails by bad luck alone; see `maxDelayShortfall`. */
export const MAX_TAIL_PROBABILITY = 1e-6;

/**
 * Returns how far below the interval T the max delay may fall. Each of n events waits an
 * independent uniform(0, T) share of its interval, so P(max < T(1 − δ)) = (1 − δ)^n ≤ e^(−nδ),
 * which equals `MAX_TAIL_PROBABILITY` at δ = ln(1 / `MAX_TAIL_PROBABILITY`) / n.
 */
export function maxDelayShortfall(intervalMs: number, events: number): number {
  return (intervalMs * Math.log(1 / MAX_TAIL_PROBABILITY)) / events;
}

/**
 * Returns how far a simulated time difference may exceed its exact value through rounding.
 * Times are ms since the Unix epoch, and each sum of a time and a duration rounds by at most
 * half a unit in the last place, time × Number.EPSILON / 2. A poll time and its two network
 * delays add three such roundings; the margin allows eight.
 */
export function roundingMargin(latestTimeMs: number): number {
  return 4 * latestTimeMs * Number.EPSILON;
}
