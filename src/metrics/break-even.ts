/**
 * The event rate at which a polling strategy and a push strategy cost the same.
 *
 * Each strategy's cost per unit time is modelled as a line in the event rate λ:
 *
 *     cost(λ) = a · q + b · k · λ
 *
 * where a and b are the prices per request and per delivery, q is the strategy's requests per
 * unit time and k its deliveries per event, both measured in the run. For polling P and push H
 * the two lines cross where a · (q_P − q_H) = b · (k_H − k_P) · λ. For `poll` every T with one
 * consumer, q_P = 1/T, k_P = 0, q_H = 0 and k_H = 1, so λ* = a / (b · T).
 *
 * The model holds when a strategy's requests do not depend on the event rate and its deliveries
 * grow in proportion to it: `poll`, `poll-jitter`, `poll-conditional` and `webhook` without
 * faults. For `long-poll`, `poll-backoff` and `poll-adaptive` the request rate changes with the
 * event rate, so their break-even is only valid near the run's own rate.
 */
import type { Prices } from '../model/prices.ts';
import { DAY_MS } from './cost.ts';
import type { StrategyResult } from './result.ts';

const POLLING = new Set([
  'poll',
  'poll-jitter',
  'poll-backoff',
  'poll-adaptive',
  'poll-conditional',
  'long-poll',
]);

/** Polling strategies whose requests per unit time are 1/T per consumer for a mean interval T. */
const FOLLOWS_INTERVAL = new Set(['poll', 'poll-jitter', 'poll-conditional']);

/** A break-even between the first polling strategy and the first push strategy of a run. */
export type BreakEven =
  | {
      readonly state: 'found';
      readonly polling: string;
      readonly push: string;
      /** Events per day at which both cost the same; `null` when the lines never cross. */
      readonly eventsPerDay: number | null;
      /** Events per day in this run. */
      readonly runEventsPerDay: number;
      /** The strategy that costs less below `eventsPerDay`; `null` when both cost the same. */
      readonly cheaperBelow: string | null;
      /** The strategy that costs less above `eventsPerDay`; `null` when both cost the same. */
      readonly cheaperAbove: string | null;
      /**
       * Mean poll interval in ms at which both cost the same at this run's event rate. It is
       * `null` when the polling strategy's requests do not follow the interval, or when polling
       * costs more than push at any interval.
       */
      readonly intervalMs: number | null;
    }
  | { readonly state: 'none'; readonly reason: string };

export interface BreakEvenInput {
  readonly results: readonly StrategyResult[];
  /** Length of the run's window in ms. */
  readonly windowMs: number;
  /** Events in the producer's log. */
  readonly events: number;
  readonly prices: Prices;
  /** Mean poll interval of the run in ms, when it has one. */
  readonly meanIntervalMs?: number;
}

/** Cost per ms that does not depend on events, and cost per event, of one strategy. */
interface CostLine {
  readonly fixedPerMs: number;
  readonly perEvent: number;
}

/**
 * Finds the event rate at which the run's first polling strategy and its push strategy cost the
 * same, from their measured requests per unit time and deliveries per event. The push strategy
 * is `webhook` when the run has it, and otherwise the first strategy that is not polling.
 */
export function findBreakEven(input: BreakEvenInput): BreakEven {
  const polling = input.results.find((result) => POLLING.has(result.strategy));
  const push =
    input.results.find((result) => result.strategy === 'webhook') ??
    input.results.find((result) => !POLLING.has(result.strategy));

  if (polling === undefined || push === undefined) {
    return none('it needs a polling strategy and a push strategy in the same run');
  }
  if (!(input.windowMs > 0)) return none("the run's window has no length");
  if (input.events === 0) return none('the run had no events to count deliveries per event');

  const pollLine = costLine(polling, input);
  const pushLine = costLine(push, input);
  const crossing = cross(pollLine, pushLine, polling.strategy, push.strategy);
  const runRate = input.events / input.windowMs;

  return {
    state: 'found',
    polling: polling.strategy,
    push: push.strategy,
    eventsPerDay: crossing.ratePerMs === null ? null : crossing.ratePerMs * DAY_MS,
    runEventsPerDay: runRate * DAY_MS,
    cheaperBelow: crossing.cheaperBelow,
    cheaperAbove: crossing.cheaperAbove,
    intervalMs: breakEvenInterval(polling, pollLine, pushLine, runRate, input.meanIntervalMs),
  };
}

function none(reason: string): BreakEven {
  return { state: 'none', reason };
}

function costLine(result: StrategyResult, input: BreakEvenInput): CostLine {
  return {
    fixedPerMs: (result.requests * input.prices.perRequest) / input.windowMs,
    perEvent: (result.deliveries * input.prices.perDelivery) / input.events,
  };
}

interface Crossing {
  readonly ratePerMs: number | null;
  readonly cheaperBelow: string | null;
  readonly cheaperAbove: string | null;
}

/**
 * Crosses the two lines. `fixed` is how much more polling costs per ms whatever the events, and
 * `variable` how much more push costs per event, so polling minus push is fixed − variable · λ.
 */
function cross(poll: CostLine, push: CostLine, pollName: string, pushName: string): Crossing {
  const fixed = poll.fixedPerMs - push.fixedPerMs;
  const variable = push.perEvent - poll.perEvent;

  if (fixed > 0 && variable > 0) {
    return { ratePerMs: fixed / variable, cheaperBelow: pushName, cheaperAbove: pollName };
  }
  if (fixed < 0 && variable < 0) {
    return { ratePerMs: fixed / variable, cheaperBelow: pollName, cheaperAbove: pushName };
  }

  // The lines do not cross at a positive rate, so one strategy is never the dearer one.
  if (fixed === 0 && variable === 0)
    return { ratePerMs: null, cheaperBelow: null, cheaperAbove: null };
  const winner = fixed >= 0 && variable <= 0 ? pushName : pollName;
  return { ratePerMs: null, cheaperBelow: winner, cheaperAbove: winner };
}

/**
 * Solves for the mean interval T' at which polling costs what push does at the run's event
 * rate. Polling's fixed cost scales with T / T', so T' = T · pollFixed / (push − pollPerEvent).
 */
function breakEvenInterval(
  polling: StrategyResult,
  poll: CostLine,
  push: CostLine,
  runRatePerMs: number,
  meanIntervalMs: number | undefined,
): number | null {
  if (!FOLLOWS_INTERVAL.has(polling.strategy) || meanIntervalMs === undefined) return null;

  const budget = push.fixedPerMs + (push.perEvent - poll.perEvent) * runRatePerMs;
  if (!(budget > 0) || !(poll.fixedPerMs > 0)) return null;
  return (meanIntervalMs * poll.fixedPerMs) / budget;
}
