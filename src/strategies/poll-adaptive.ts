import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';
import { drawInterval, firstPollTime, pollOnSchedule } from './poll-schedule.ts';
import { parsePollInterval, parseRetryAfter } from './retry-after.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls at the interval the producer asks for: never more often than its `X-Poll-Interval`,
 * and after a 429 or 503 not before its `Retry-After` has passed, in either of the header's
 * forms. A well-behaved client of a rate-limited API, such as GitHub's events API, does this.
 */
function pollAdaptiveConsumer(context: ConsumerContext): StrategyProcess {
  return pollOnSchedule(context, firstPollTime(context), (response, at) =>
    nextPollAt(context, response, at),
  );
}

/**
 * Returns when to poll next: after a refusal, its `Retry-After` or the interval from when the
 * answer came, whichever is longer, so a short ban never makes the client poll faster than it
 * would anyway; otherwise the schedule moves on from the last poll by the interval, or by the
 * producer's longer one.
 */
function nextPollAt(context: ConsumerContext, response: PollResponse, at: number): number {
  const own = drawInterval(context);

  if (response.status === 429 || response.status === 503) {
    const retryAfter = parseRetryAfter(response.retryAfter, context.now());
    if (retryAfter !== undefined) return context.now() + Math.max(retryAfter, own);
  }

  const suggested = parsePollInterval(response.pollInterval);
  return at + (suggested === undefined ? own : Math.max(own, suggested));
}

export const pollAdaptiveStrategy: Strategy = {
  name: 'poll-adaptive',
  description: 'polls at the interval the producer asks for, honouring Retry-After',
  consumer: pollAdaptiveConsumer,
};
