import type { Distribution } from '../engine/distributions.ts';
import { constant, moments } from '../engine/distributions.ts';
import { parseDuration } from '../engine/units.ts';
import { NO_FAULTS } from '../model/faults.ts';
import { formatCount, formatDuration } from '../report/format.ts';
import { longPollStrategy } from '../strategies/long-poll.ts';
import { pollJitterStrategy } from '../strategies/poll-jitter.ts';
import { DEFAULT_TUNING } from '../strategies/tuning.ts';
import { webhookStrategy } from '../strategies/webhook.ts';
import type { TheoryCheck } from './check.ts';
import { EXACT, standardErrorBand } from './check.ts';
import { DELAY_WORLD } from './fixed-interval-checks.ts';
import type { PoissonWorld } from './poisson-worlds.ts';
import { PoissonWorlds } from './poisson-worlds.ts';
import { INTERVAL_MS, runStrategy } from './run-strategy.ts';
import { meanDelayStandardError, rawMoments, shareStandardError } from './standard-errors.ts';

/** The jitter j of the poll-jitter check: each interval moves by up to half of T. */
export const JITTER = 0.5;

/** The hold τ of the long-poll check, equal to the mean time between events, so λτ = 1. */
export const HOLD_MS = 60_000;

/** The chance p that the receiver responds to one webhook attempt with a 500. */
export const FAILURE_RATE = 0.3;

/** Attempts n per push in the webhook check: the first and two retries. */
export const ATTEMPTS = 3;

/** Runs the checks of the strategies beyond plain polling and webhooks, on one Poisson world. */
export async function runStrategyChecks(worlds = new PoissonWorlds()): Promise<TheoryCheck[]> {
  const poissonWorld = await worlds.get(DELAY_WORLD);

  return [checkJitter(poissonWorld), ...checkLongPoll(poissonWorld), ...checkRetries(poissonWorld)];
}

/**
 * Checks poll-jitter, which draws each interval uniformly from T(1 − j) to T(1 + j), a renewal process like
 * any random interval, so its mean delay is E[X²] / (2 E[X]) = T/2 · (1 + j²/3).
 */
function checkJitter({ world, rate }: PoissonWorld): TheoryCheck {
  const spread: Distribution = {
    kind: 'uniform',
    min: INTERVAL_MS * (1 - JITTER),
    max: INTERVAL_MS * (1 + JITTER),
  };
  const result = runStrategy(world, {
    strategy: pollJitterStrategy,
    latency: constant(0),
    tuning: { ...DEFAULT_TUNING, jitter: JITTER },
  });
  const { mean, meanSquare } = moments(spread)!;

  return {
    id: 'poll-jitter/mean-delay',
    title: 'poll-jitter: mean delay',
    parameters:
      `j = ${JITTER}, T = ${formatDuration(INTERVAL_MS)}, d = 0, λ = ${DELAY_WORLD.rate}, ` +
      `${DELAY_WORLD.duration}, ${formatCount(result.events.total)} events`,
    formula: 'T/2 · (1 + j²/3)',
    predicted: meanSquare / (2 * mean),
    simulated: result.latencyMs.mean,
    unit: 'ms',
    tolerance: standardErrorBand(
      meanDelayStandardError(rawMoments(spread), rate, result.events.notified),
    ),
  };
}

/**
 * Checks long polling. A long poll lasts until the next event or until its hold τ runs out, whichever is first:
 * min(τ, Exp(λ)), whose mean is (1 − e^(−λτ)) / λ. With no network delay the next request
 * follows at once, so requests per unit time are λ / (1 − e^(−λτ)), and each event is in
 * the consumer's hands the moment it happens.
 */
function checkLongPoll({ world, rate }: PoissonWorld): TheoryCheck[] {
  const result = runStrategy(world, {
    strategy: longPollStrategy,
    latency: constant(0),
    tuning: { ...DEFAULT_TUNING, holdMs: HOLD_MS },
  });
  const windowMs = world.windowEnd - world.windowStart;
  const parameters =
    `τ = ${formatDuration(HOLD_MS)}, λτ = ${rate * HOLD_MS}, d = 0, λ = ${DELAY_WORLD.rate}, ` +
    `${DELAY_WORLD.duration}, ${formatCount(result.requests)} requests`;

  const requestRate: TheoryCheck = {
    id: 'long-poll/requests-per-minute',
    title: 'long poll: requests per minute',
    parameters,
    formula: 'λ / (1 − e^(−λτ))',
    predicted: (60_000 * rate) / (1 - Math.exp(-rate * HOLD_MS)),
    simulated: (60_000 * result.requests) / windowMs,
    unit: 'ratio',
    tolerance: standardErrorBand(requestRateStandardError(rate, HOLD_MS, windowMs)),
  };

  const latency: TheoryCheck = {
    id: 'long-poll/max-delay',
    title: 'long poll: max delay',
    parameters,
    formula: '0',
    predicted: 0,
    simulated: result.latencyMs.max,
    unit: 'ms',
    tolerance: EXACT,
  };

  return [requestRate, latency];
}

/**
 * Returns the standard error of requests per minute over a window W. Requests are renewals of
 * length D = min(τ, Exp(λ)), and a renewal count over W has variance W · Var(D) / E[D]³. The
 * request made before the window, while consumers set up, shifts the count by about one.
 */
export function requestRateStandardError(rate: number, hold: number, windowMs: number): number {
  const tail = Math.exp(-rate * hold);
  const mean = (1 - tail) / rate;
  const meanSquare = (2 / rate ** 2) * (1 - tail * (1 + rate * hold));
  const variance = meanSquare - mean ** 2;
  return (60_000 * Math.sqrt((windowMs * variance) / mean ** 3)) / windowMs + 60_000 / windowMs;
}

/**
 * Checks webhook retries. Each attempt fails with chance p, independently, and a push gets n attempts, so a
 * share pⁿ of events is lost and the mean number of attempts is (1 − pⁿ) / (1 − p).
 */
function checkRetries({ world }: PoissonWorld): TheoryCheck[] {
  const result = runStrategy(world, {
    strategy: webhookStrategy,
    latency: constant(0),
    tuning: {
      ...DEFAULT_TUNING,
      retry: { ...DEFAULT_TUNING.retry, scheduleMs: retryWaits(), jitter: 0 },
    },
    faults: { ...NO_FAULTS, consumer: { ...NO_FAULTS.consumer, errorRate: FAILURE_RATE } },
  });
  const events = result.events.total;
  const lostShare = FAILURE_RATE ** ATTEMPTS;
  const attempts = (1 - lostShare) / (1 - FAILURE_RATE);
  const parameters =
    `p = ${FAILURE_RATE}, n = ${ATTEMPTS}, λ = ${DELAY_WORLD.rate}, ${DELAY_WORLD.duration}, ` +
    `${formatCount(events)} events`;

  const lost: TheoryCheck = {
    id: 'webhook-retries/lost-share',
    title: 'webhook retries: share of events lost',
    parameters,
    formula: 'pⁿ',
    predicted: lostShare,
    simulated: result.events.lost / events,
    unit: 'share',
    tolerance: standardErrorBand(shareStandardError(lostShare, events)),
  };

  const tries: TheoryCheck = {
    id: 'webhook-retries/attempts-per-event',
    title: 'webhook retries: attempts per event',
    parameters,
    formula: '(1 − pⁿ) / (1 − p)',
    predicted: attempts,
    simulated: result.deliveries / events,
    unit: 'ratio',
    tolerance: standardErrorBand(Math.sqrt(attemptsVariance() / events)),
  };

  return [lost, tries];
}

/** Waits of a second between attempts: short beside the minute between events. */
function retryWaits(): number[] {
  return Array.from({ length: ATTEMPTS - 1 }, () => parseDuration('1s') as number);
}

/** The variance of attempts per push: the first success among n tries, or n when none. */
export function attemptsVariance(): number {
  let mean = 0;
  let meanSquare = 0;

  for (let attempts = 1; attempts <= ATTEMPTS; attempts++) {
    const chance =
      attempts < ATTEMPTS
        ? FAILURE_RATE ** (attempts - 1) * (1 - FAILURE_RATE)
        : FAILURE_RATE ** (ATTEMPTS - 1);
    mean += chance * attempts;
    meanSquare += chance * attempts ** 2;
  }

  return meanSquare - mean ** 2;
}
