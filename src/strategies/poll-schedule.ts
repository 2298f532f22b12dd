import { moments, sample, upperBound } from '../engine/distributions.ts';
import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';

/**
 * Returns the first poll time. With random alignment it is a uniform fraction of one interval
 * after the window opens. With epoch alignment it is the first whole multiple of the interval
 * since the Unix epoch at or after the window opens, as a cron job would poll.
 */
export function firstPollTime(context: ConsumerContext): number {
  const { interval, align, windowStart } = context.settings;

  if (align === 'epoch') {
    const period = sample(interval, context.random);
    return Math.ceil(windowStart / period) * period;
  }

  return windowStart + context.phase * sample(interval, context.random);
}

/**
 * Returns the next poll time. An interval drawn below zero, as a normal one can be, counts as 0.
 */
export function nextPollTime(context: ConsumerContext, previous: number): number {
  return previous + drawInterval(context);
}

/** Draws one poll interval, at least 0. */
export function drawInterval(context: ConsumerContext): number {
  return Math.max(0, sample(context.settings.interval, context.random));
}

/** Returns the mean poll interval, which backoff starts from when no base is given. */
export function meanInterval(context: ConsumerContext): number {
  const { interval } = context.settings;
  return moments(interval)?.mean ?? upperBound(interval);
}

/** Hands the response's events to the handler and returns the cursor for the next poll. */
export function takeResponse(context: ConsumerContext, response: PollResponse): number {
  context.handle(response.events);
  return response.cursor;
}

/** Tells whether a response carried news for the consumer's handler. */
export function hasEvents(response: PollResponse): boolean {
  return response.events.length > 0;
}

/**
 * Polls a consumer may make after the window ends, to retry a last poll that got no response.
 * The limit keeps a producer that rejects every request, such as one that extends a ban, from
 * keeping the run open.
 */
export const FINAL_RETRIES = 5;

/** Tells whether the producer responded with its events: a 200, or a 304 with nothing new. */
export function answered(response: PollResponse): boolean {
  return response.status === 200 || response.status === 304;
}

/**
 * Tells whether a poller is done: its poll at `at` was at or after the window's end and got
 * a response, or it has used up its final retries.
 */
export function finished(
  context: ConsumerContext,
  at: number,
  response: PollResponse,
  retriesLeft: number,
): boolean {
  if (at < context.settings.windowEnd) return false;
  return answered(response) || retriesLeft <= 0;
}

/** Returns when to poll next, given the last response and when that poll was due. */
export type NextPoll = (response: PollResponse, at: number) => number;

/**
 * Polls from `firstAt` on, each time at the time `next` returns, handing each response's events
 * to the handler, until the poller is `finished`. A conditional poller sends the last `ETag`.
 * The polling variants differ only in when they poll, so they share this loop.
 */
export function* pollOnSchedule(
  context: ConsumerContext,
  firstAt: number,
  next: NextPoll,
  conditional = false,
): StrategyProcess {
  let at = firstAt;
  let cursor = 0;
  let retriesLeft = FINAL_RETRIES;
  // A conditional poller with no tag yet requests one without sending `If-None-Match`.
  let etag = conditional ? '' : undefined;

  for (;;) {
    const request = { type: 'poll', cursor, keys: context.keys, at, etag } as const;
    const response = (yield request) as PollResponse;
    cursor = takeResponse(context, response);
    if (conditional && response.etag !== undefined) etag = response.etag;

    if (finished(context, at, response, retriesLeft)) return;
    if (at >= context.settings.windowEnd) retriesLeft--;
    at = next(response, at);
  }
}
