import type { ConsumerContext, StrategyProcess } from './effects.ts';
import { drawInterval, firstPollTime, meanInterval, pollOnSchedule } from './poll-schedule.ts';
import type { Strategy } from './strategy.ts';

/**
 * Polls on a schedule whose every interval is moved by a uniform share of itself, up to the
 * `jitter` fraction either way. Pollers that started together drift apart, so they stop
 * arriving in one burst; the price is a slightly longer mean delay, E[X²] / (2 E[X]). The
 * first poll moves too, forward only, so that pollers aligned to the clock spread from the start.
 */
function pollJitterConsumer(context: ConsumerContext): StrategyProcess {
  const { tuning } = context.settings;
  const first =
    firstPollTime(context) + context.random.next() * tuning.jitter * meanInterval(context);

  return pollOnSchedule(context, first, (_response, at) => {
    const spread = tuning.jitter * (2 * context.random.next() - 1);
    return at + drawInterval(context) * (1 + spread);
  });
}

export const pollJitterStrategy: Strategy = {
  name: 'poll-jitter',
  description: 'polls at the interval moved by a random share of it (--jitter)',
  consumer: pollJitterConsumer,
};
