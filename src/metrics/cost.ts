import type { Prices } from '../model/prices.ts';
import type { StrategyResult } from './result.ts';

export const DAY_MS = 86_400_000;

/** A month, for costs, is this many days. */
export const DAYS_PER_MONTH = 30;

/** The cost of one strategy's run at given prices, in the prices' currency. */
export interface StrategyCost {
  /** Requests of the run times the price per request. */
  readonly requests: number;
  /** Deliveries of the run times the price per delivery. */
  readonly deliveries: number;
  /** `requests` plus `deliveries`: the cost of the whole run. */
  readonly total: number;
  /** `total` scaled from the run's window to one day; `null` when the window has no length. */
  readonly perDay: number | null;
  /** `perDay` times 30; `null` when the window has no length. */
  readonly perMonth: number | null;
}

/**
 * Computes what `result` costs at `prices` over a run whose window lasted `windowMs`, and that
 * cost scaled to a day and a 30-day month. Scaling assumes the run's activity goes on at the
 * same pace, so a 3-hour window counts eight times a day.
 */
export function costOfResult(
  result: StrategyResult,
  windowMs: number,
  prices: Prices,
): StrategyCost {
  const requests = result.requests * prices.perRequest;
  const deliveries = result.deliveries * prices.perDelivery;
  const total = requests + deliveries;

  if (!(windowMs > 0)) return { requests, deliveries, total, perDay: null, perMonth: null };

  const perDay = (total * DAY_MS) / windowMs;
  return { requests, deliveries, total, perDay, perMonth: perDay * DAYS_PER_MONTH };
}

/** Returns the length in ms of a run's window, given its start and end in ISO 8601. */
export function windowLengthMs(world: {
  readonly windowStart: string;
  readonly windowEnd: string;
}): number {
  return Date.parse(world.windowEnd) - Date.parse(world.windowStart);
}
