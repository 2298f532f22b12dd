import { Backoff } from './backoff.ts';
import type { ConsumerContext, StrategyProcess } from './effects.ts';
import { firstPollTime, hasEvents, meanInterval, pollOnSchedule } from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls less often while nothing changes: each empty or failed answer doubles the wait, from
 * the base up to the cap, and news resets it to the base. It saves requests on a quiet
 * producer at the cost of a longer delay for the first event after a lull. It ignores
 * `Retry-After`, so a producer that bans early retries can keep it banned.
 */
function pollBackoffConsumer(context: ConsumerContext): StrategyProcess {
  const backoff = new Backoff(
    context.settings.tuning.backoff,
    context.random,
    meanInterval(context),
  );

  return pollOnSchedule(context, firstPollTime(context), (response, at) => {
    if (hasEvents(response)) backoff.reset();
    return at + backoff.next();
  });
}

export const pollBackoffStrategy: Strategy = {
  name: 'poll-backoff',
  description: 'polls less often while nothing changes (--backoff-base, --backoff-cap)',
  consumer: pollBackoffConsumer,
};
