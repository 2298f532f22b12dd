import { moments, upperBound } from '../engine/distributions.ts';
import { PollVsPushError } from '../errors.ts';
import type { World } from '../model/world.ts';
import type { RunSettings } from './settings.ts';

/**
 * Limits that keep a run within what one machine can hold and finish in minutes. The simulator
 * needs roughly 1 to 2 kB per consumer and makes 1.5 to 4 million polls or deliveries a second
 * on a 2-core machine (measured with `npm run bench`), so these allow runs of a few minutes
 * and a few GB at most.
 */
export const RUN_LIMITS = {
  consumers: 1_000_000,
  events: 20_000_000,
  /** Polls, or deliveries, that one strategy's run may make. */
  work: 500_000_000,
} as const;

/**
 * Checks a consumer count before a scenario builds that many consumers, for scenarios whose
 * options multiply, such as games times consumers per game.
 */
export function checkConsumerCount(consumers: number): void {
  if (consumers > RUN_LIMITS.consumers) {
    throw tooLarge(`has ${format(consumers)} consumers`, RUN_LIMITS.consumers, 'fewer consumers');
  }
}

/** Checks an expected event count before a scenario draws that many events. */
export function checkEventCount(events: number): void {
  if (events > RUN_LIMITS.events) {
    throw tooLarge(`has about ${format(events)} events`, RUN_LIMITS.events, 'fewer events');
  }
}

/** Checks that a run of `world` with `settings` stays within `RUN_LIMITS`, before it starts. */
export function checkRunSize(world: World, settings: RunSettings): void {
  checkConsumerCount(world.consumers.length);
  checkEventCount(world.log.size);

  if (settings.strategies.includes('poll')) {
    const polls = estimatePolls(world, settings);
    if (polls > RUN_LIMITS.work) {
      throw tooLarge(
        `would make about ${format(polls)} polls`,
        RUN_LIMITS.work,
        'a longer --interval, a shorter --duration or fewer consumers',
      );
    }
  }

  if (settings.strategies.includes('webhook')) {
    const deliveries = world.consumers.reduce((sum, c) => sum + world.log.countFor(c.keys), 0);
    if (deliveries > RUN_LIMITS.work) {
      throw tooLarge(
        `would make about ${format(deliveries)} deliveries`,
        RUN_LIMITS.work,
        'fewer events or fewer consumers',
      );
    }
  }
}

/** Estimates polls as consumers times the window over the mean interval, plus one each. */
function estimatePolls(world: World, settings: RunSettings): number {
  const interval = moments(settings.interval)?.mean ?? upperBound(settings.interval);
  const span = world.windowEnd - world.windowStart;
  return world.consumers.length * (span / Math.max(interval, Number.MIN_VALUE) + 1);
}

function tooLarge(what: string, limit: number, fix: string): PollVsPushError {
  return new PollVsPushError(
    'PVP_RUN_TOO_LARGE',
    `this run ${what}, more than the ${format(limit)} a run may have; use ${fix}`,
  );
}

function format(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
