import { moments, upperBound } from '../engine/distributions.ts';
import { PollVsPushError } from '../errors.ts';
import type { World } from '../model/world.ts';
import type { RunSettings } from './settings.ts';

/**
 * Limits that keep a run within what one machine can hold and finish in minutes. The simulator
 * needs roughly 1 to 2 kB per consumer and makes 1.5 to 4 million polls or deliveries a second
 * on a 2-core machine (measured with `npm run bench`), so these allow runs of about a minute
 * and a few GB at most.
 */
export const RUN_LIMITS = {
  consumers: 1_000_000,
  events: 20_000_000,
  /** Polls, or deliveries, that one strategy's run may make. */
  work: 100_000_000,
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

  for (const strategy of settings.strategies) {
    const work = estimateWork(strategy, world, settings);
    if (work.count > RUN_LIMITS.work) {
      throw tooLarge(
        `would make about ${format(work.count)} ${work.what} with ${strategy}`,
        RUN_LIMITS.work,
        work.fix,
      );
    }
  }
}

interface WorkEstimate {
  readonly count: number;
  /** The unit counted, such as `polls`. */
  readonly what: string;
  /** The options that make it smaller. */
  readonly fix: string;
}

/**
 * Estimates the requests or deliveries one strategy's run makes, at the most its settings
 * allow: backoff at its shortest wait, a long poll or stream cut at every idle limit, and
 * every retry of every push when a fault can make pushes fail.
 */
function estimateWork(strategy: string, world: World, settings: RunSettings): WorkEstimate {
  const { tuning, faults } = settings.knobs;
  const consumers = world.consumers.length;
  const span = world.windowEnd - world.windowStart + 60_000;
  const per = (gap: number) => consumers * (span / Math.max(gap, 1) + 1);
  const fewer = 'a shorter --duration or fewer consumers';

  switch (strategy) {
    case 'poll-backoff': {
      const shortest = Math.min(
        tuning.backoff.baseMs ?? meanInterval(settings),
        tuning.backoff.capMs,
      );
      return {
        count: per(shortest),
        what: 'polls',
        fix: `a longer --backoff-base or --backoff-cap, ${fewer}`,
      };
    }
    case 'long-poll': {
      const held = Math.min(tuning.holdMs, faults.idleCutMs ?? Number.POSITIVE_INFINITY);
      const count = per(held) + deliveries(world);
      return { count, what: 'requests', fix: `a longer --hold or --idle-cut, ${fewer}` };
    }
    case 'sse':
    case 'websocket': {
      const cuts = faults.idleCutMs === undefined ? 0 : per(faults.idleCutMs);
      return {
        count: cuts + deliveries(world),
        what: 'messages',
        fix: `a longer --idle-cut, ${fewer}`,
      };
    }
    case 'webhook':
      return {
        count: deliveries(world) * attemptsPerPush(settings),
        what: 'deliveries',
        fix: `fewer retries, fewer events, ${fewer}`,
      };
    case 'hybrid':
      return {
        count: per(tuning.reconcileMs) + deliveries(world) * attemptsPerPush(settings),
        what: 'requests and deliveries',
        fix: `a longer --reconcile, fewer retries, ${fewer}`,
      };
    default:
      return {
        count: per(meanInterval(settings)),
        what: 'polls',
        fix: `a longer --interval, ${fewer}`,
      };
  }
}

function meanInterval(settings: RunSettings): number {
  return moments(settings.interval)?.mean ?? upperBound(settings.interval);
}

/** Pushes the run makes with no failure: one per event for each consumer that wants it. */
function deliveries(world: World): number {
  return world.consumers.reduce((sum, consumer) => sum + world.log.countFor(consumer.keys), 0);
}

/** Returns the maximum attempts per push: every retry when a fault can fail it, with copies. */
function attemptsPerPush(settings: RunSettings): number {
  const { tuning, faults } = settings.knobs;
  const canFail =
    faults.network.loss > 0 ||
    faults.consumer.errorRate > 0 ||
    faults.consumer.downtime.length > 0 ||
    tuning.workMs > 0 ||
    upperBound(faults.consumer.replyDelay) > 0;
  const attempts = canFail ? 1 + tuning.retry.scheduleMs.length : 1;
  return attempts * (1 + 3 * faults.emitter.duplicateRate);
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
