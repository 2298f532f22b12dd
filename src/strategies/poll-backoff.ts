import { Backoff } from './backoff.ts';
import type { ConsumerContext, PollResponse, StrategyProcess } from './effects.ts';
import { poll } from './effects.ts';
import {
  FINAL_RETRIES,
  finished,
  firstPollTime,
  hasEvents,
  meanInterval,
  takeResponse,
} from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls less often while nothing changes: each empty or failed answer doubles the wait, from
 * the base up to the cap, and news resets it to the base. It saves requests on a quiet
 * producer at the cost of a longer delay for the first event after a lull. It ignores
 * `Retry-After`, so a producer that bans early retries can keep it banned.
 */
function* pollBackoffConsumer(context: ConsumerContext): StrategyProcess {
  const { windowEnd, tuning } = context.settings;
  const backoff = new Backoff(tuning.backoff, context.random, meanInterval(context));
  let at = firstPollTime(context);
  let cursor = 0;
  let retriesLeft = FINAL_RETRIES;

  for (;;) {
    const response = (yield poll(cursor, context.keys, at)) as PollResponse;
    cursor = takeResponse(context, response);
    if (finished(context, at, response, retriesLeft)) return;
    if (at >= windowEnd) retriesLeft--;

    if (hasEvents(response)) backoff.reset();
    at += backoff.next();
  }
}

export const pollBackoffStrategy: Strategy = {
  name: 'poll-backoff',
  description: 'polls less often while nothing changes (--backoff-base, --backoff-cap)',
  consumer: pollBackoffConsumer,
};
